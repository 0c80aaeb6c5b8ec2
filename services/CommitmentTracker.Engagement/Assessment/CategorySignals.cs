using CommitmentTracker.Engagement.Data;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>What the signals of category (c) read about one member, and the settings they apply.</summary>
internal sealed record SignalInputs(
    CommitmentClasses Commitments,
    IReadOnlyList<OcdsPublication> Publications,
    IReadOnlyList<MandateScore> Mandate,
    LatestPlan? LatestPlan,
    DateOnly Today,
    int PublicationStaleAfterDays,
    int NewPlanDueMonths);

/// <summary>
/// The reasons to expect open contracting in a member's next plan (category (c) for a member without open contracting
/// commitments), each a phrase naming its evidence, in this order: procurement commitments (OGP's Public Procurement
/// flag or a confirmed adjacent tag, each with its source), an OCDS publication that is not frozen, a mandate component
/// scored above 0, and a new plan due (the latest plan ended, or ends within <c>Engagement:NewPlanDueMonths</c>).
/// </summary>
internal static class CategorySignals
{
    public static IReadOnlyList<string> Of(SignalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var signals = new List<string>();
        if (inputs.Commitments.Adjacent.Count > 0)
        {
            signals.Add($"procurement commitments without open contracting: {List(inputs.Commitments.Adjacent.Select(c => inputs.Commitments.Name(c)))}");
        }

        var rated = PublicationRating.Rate(inputs.Publications, inputs.Today, inputs.PublicationStaleAfterDays);
        if (rated.Any(x => !x.Publication.Frozen))
        {
            signals.Add($"it publishes OCDS data ({PublicationRating.Describe(rated)})");
        }

        if (inputs.Mandate.Any(m => m.Score > 0))
        {
            signals.Add($"its mandate has some thickness ({MandateComponents.Describe(inputs.Mandate)})");
        }

        if (NewPlanDue(inputs.LatestPlan, inputs.Today, inputs.NewPlanDueMonths) is { } due)
        {
            signals.Add(due);
        }

        return signals;
    }

    /// <summary>
    /// "A new plan is due" when the latest plan's end year is known and its last day (31 December: the sheet gives the
    /// year only) has passed or falls within <paramref name="months"/> of <paramref name="today"/>; otherwise none.
    /// </summary>
    public static string? NewPlanDue(LatestPlan? latest, DateOnly today, int months)
    {
        if (latest?.EndYear is not { } endYear)
        {
            return null;
        }

        var lastDay = new DateOnly(endYear, 12, 31);
        return lastDay < today ? $"a new plan is due: the latest plan {latest.Id} ended in {endYear}"
            : lastDay <= today.AddMonths(months) ? $"a new plan is due: the latest plan {latest.Id} ends in {endYear}, within {Count(months, "month")}"
            : null;
    }
}
