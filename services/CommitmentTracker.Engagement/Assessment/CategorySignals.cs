using CommitmentTracker.Engagement.Data;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>What the signals of category (c) read about one member, and the freshness setting they apply.</summary>
internal sealed record SignalInputs(
    IReadOnlyList<TrackedCommitment> Adjacent,
    IReadOnlyList<OcdsPublication> Publications,
    IReadOnlyList<MandateScore> Mandate,
    DateOnly Today,
    int PublicationStaleAfterDays);

/// <summary>
/// The signals that the ground for open contracting is there (category (c) for a member without open contracting
/// commitments), each a phrase naming its evidence: adjacent procurement commitments, a publication that is not
/// frozen, a mandate component scored above 0.
/// </summary>
internal static class CategorySignals
{
    public static IReadOnlyList<string> Of(SignalInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var signals = new List<string>();
        if (inputs.Adjacent.Count > 0)
        {
            signals.Add($"procurement commitments without open contracting ({List(inputs.Adjacent.Select(c => c.Id))})");
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

        return signals;
    }
}
