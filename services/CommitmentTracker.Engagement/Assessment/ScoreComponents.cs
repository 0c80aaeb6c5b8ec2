using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>A score component: value 0–1, its weight, and the evidence in words.</summary>
internal sealed record ComponentValue(string Name, double Score, double Weight, string Explanation);

/// <summary>A dip condition in force (plan without open contracting, stale or frozen publication), or a fall seen in this change.</summary>
internal sealed record DipSignal(string Kind, string Reason);

/// <summary>A member's latest plan: its id, how many of the member's commitments (open contracting or not) it holds, the day the tracker first heard of it, and its end year.</summary>
internal sealed record LatestPlan(string Id, int Commitments, DateOnly? KnownSince, int? EndYear = null);

/// <summary>Two of the member's commitments linked across plans: <see cref="Successor"/> continues <see cref="Predecessor"/>'s reform.</summary>
internal sealed record ThreadPair(TrackedCommitment Successor, TrackedCommitment Predecessor);

/// <summary>What the score components read about one member, and the settings they apply.</summary>
internal sealed record ComponentInputs(
    CommitmentClasses Commitments,
    LatestPlan? LatestPlan,
    IReadOnlyList<OcdsPublication> Publications,
    IReadOnlyList<MandateScore> Mandate,
    DateOnly Today,
    EngagementWeights Weights,
    int PublicationStaleAfterDays,
    int NewPlanGraceDays)
{
    /// <summary>The plan before the latest one (by submission year, number, id), if any.</summary>
    public string? PreviousPlanId { get; init; }

    /// <summary>The member's linked commitment pairs (both not removed).</summary>
    public IReadOnlyList<ThreadPair> Threads { get; init; } = [];

    /// <summary><c>Engagement:GrownReformCredit</c>: IRM levels credited to the ambition of each reform that grew.</summary>
    public double GrownReformCredit { get; init; } = 1.0;
}

/// <summary>
/// The components that have data, in their fixed order; the dip conditions found on the way (latest plan, then
/// publications); and, while a new plan is in its grace period for tagging, why its component is left out.
/// </summary>
internal sealed record ComponentScores(IReadOnlyList<ComponentValue> Components, IReadOnlyList<DipSignal> Conditions, string? PendingPlan)
{
    /// <summary>100 × the weighted mean of the components, to one decimal; 0 without any. A component without data is left out, so it neither helps nor hurts.</summary>
    public double Score
    {
        get
        {
            var totalWeight = Components.Sum(c => c.Weight);
            return totalWeight > 0 ? Math.Round(100 * Components.Sum(c => c.Weight * c.Score) / totalWeight, 1) : 0;
        }
    }
}

/// <summary>The score's components (docs/engagement.md, "Score components"), each from the member's facts alone.</summary>
internal static class ScoreComponents
{
    public const string Implementation = "implementation";
    public const string Ambition = "ambition";
    public const string Results = "results";
    public const string CurrentPlan = "current-plan";
    public const string Publication = "ocds-publication";
    public const string Mandate = "mandate";

    public static ComponentScores Of(ComponentInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (currentPlan, pendingPlan, planDip) = CurrentPlanOf(inputs);
        var (publication, publicationDip) = PublicationOf(inputs);
        ComponentValue?[] components = [ImplementationOf(inputs), AmbitionOf(inputs), ResultsOf(inputs), currentPlan, publication, MandateOf(inputs)];
        DipSignal?[] conditions = [planDip, NotCarriedForward(inputs), publicationDip];
        return new ComponentScores([.. components.OfType<ComponentValue>()], [.. conditions.OfType<DipSignal>()], pendingPlan);
    }

    private static ComponentValue? ImplementationOf(ComponentInputs inputs)
    {
        var assessed = inputs.Commitments.Assessed;
        return assessed.Count == 0 ? null : new ComponentValue(Implementation, Mean(assessed.Select(x => x.Level)), inputs.Weights.Implementation,
            $"IRM completion of {Count(assessed.Count, "open contracting commitment")}: {List(assessed.Select(x => $"{x.Commitment.Id} {EngagementRules.Completion(x.Commitment)}"))}.");
    }

    /// <summary>
    /// Potential impact (until 2020), else potential for results (since 2021), on one scale; each open contracting
    /// commitment more ambitious than its linked predecessor (a reform that grew) counts
    /// <see cref="ComponentInputs.GrownReformCredit"/> levels more, the component capped at 1.
    /// </summary>
    private static ComponentValue? AmbitionOf(ComponentInputs inputs)
    {
        var rated = inputs.Commitments.OpenContracting
            .Select(c => (c.Id, Value: AmbitionValue(c)))
            .Where(x => IrmScale.AmbitionLevel(x.Value) is not null).ToList();
        if (rated.Count == 0)
        {
            return null;
        }

        var ratedIds = rated.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var grown = inputs.Threads
            .Where(t => ratedIds.Contains(t.Successor.Id)
                        && IrmScale.AmbitionLevel(AmbitionValue(t.Predecessor)) is { } before && IrmScale.AmbitionLevel(AmbitionValue(t.Successor)) > before)
            .OrderBy(t => t.Successor.Id, StringComparer.Ordinal).ToList();
        var levels = rated.Sum(x => IrmScale.AmbitionLevel(x.Value)!.Value) + (inputs.GrownReformCredit * grown.Count);
        var score = Math.Round(Math.Min(1, levels / (IrmScale.Max * rated.Count)), 4);
        var growth = grown.Count == 0 ? string.Empty
            : $" Grown across plans (+{inputs.GrownReformCredit.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} level each): {List(grown.Select(t => $"{t.Successor.Id} {AmbitionValue(t.Successor)} after {t.Predecessor.Id} {AmbitionValue(t.Predecessor)}"))}.";
        return new ComponentValue(Ambition, score, inputs.Weights.Ambition,
            $"Potential impact or potential for results: {List(rated.Select(x => $"{x.Id} {x.Value}"))}.{growth}");
    }

    private static string? AmbitionValue(TrackedCommitment c) => IrmScale.AmbitionLevel(c.PotentialImpact) is not null ? c.PotentialImpact : c.PotentialForResults;

    /// <summary>
    /// The open contracting reforms of the previous plan, not Complete, that no commitment of the latest plan continues
    /// (no linked successor there): a dip once the latest plan has been known for the grace period, like a plan without
    /// open contracting. A reform completed needs no successor.
    /// </summary>
    private static DipSignal? NotCarriedForward(ComponentInputs inputs)
    {
        if (inputs.LatestPlan is not { Commitments: > 0 } latest || inputs.PreviousPlanId is not { } previous
            || latest.KnownSince?.AddDays(inputs.NewPlanGraceDays) > inputs.Today)
        {
            return null;
        }

        var carried = inputs.Threads.Where(t => t.Successor.ActionPlanId == latest.Id).Select(t => t.Predecessor.Id).ToHashSet(StringComparer.Ordinal);
        var dropped = inputs.Commitments.OpenContracting
            .Where(c => c.ActionPlanId == previous && IrmScale.CompletionLevel(EngagementRules.Completion(c)) != IrmScale.Max && !carried.Contains(c.Id))
            .ToList();
        return dropped.Count == 0 ? null : new DipSignal(EngagementDipKind.ReformNotCarriedForward,
            $"{(dropped.Count == 1 ? "The open contracting reform" : "The open contracting reforms")} {List(dropped.Select(c => inputs.Commitments.Name(c, EngagementRules.Completion(c) ?? "blank")))} of the previous plan {previous}, not complete, {(dropped.Count == 1 ? "has" : "have")} no linked successor in the latest plan {latest.Id}.");
    }

    /// <summary>Did it open government (until 2020), else early results (since 2021), on one scale.</summary>
    private static ComponentValue? ResultsOf(ComponentInputs inputs)
    {
        var rated = inputs.Commitments.OpenContracting
            .Select(c => (c.Id, Value: IrmScale.ResultsLevel(c.DidItOpenGovernment) is not null ? c.DidItOpenGovernment : c.EarlyResults))
            .Where(x => IrmScale.ResultsLevel(x.Value) is not null).ToList();
        return rated.Count == 0 ? null : new ComponentValue(Results, Mean(rated.Select(x => IrmScale.ResultsLevel(x.Value)!.Value)), inputs.Weights.Results,
            $"Did it open government or early results: {List(rated.Select(x => $"{x.Id} {x.Value}"))}.");
    }

    private static (ComponentValue? Component, string? Pending, DipSignal? Dip) CurrentPlanOf(ComponentInputs inputs)
    {
        // Only a member that has had open contracting commitments is measured on its latest plan: for the others the
        // absence is already the whole story (category (c) or not enough data), and a zero here would be noise.
        var openContracting = inputs.Commitments.OpenContracting;
        if (inputs.LatestPlan is not { Commitments: > 0 } latest || openContracting.Count == 0)
        {
            return (null, null, null);
        }

        var inLatest = openContracting.Where(c => c.ActionPlanId == latest.Id).Select(c => c.Id).ToList();

        // Liaisons tag a new plan's commitments after it arrives: until the grace period ends, a plan without
        // confirmed open contracting is pending (left out of the score), not yet a dip.
        var measuredFrom = latest.KnownSince?.AddDays(inputs.NewPlanGraceDays);
        if (inLatest.Count == 0 && measuredFrom > inputs.Today)
        {
            return (null, $"The latest plan {latest.Id} has no confirmed open contracting commitment yet; it counts from {Day(measuredFrom.Value)}, {Count(inputs.NewPlanGraceDays, "day")} after it arrived, so liaisons can tag it first.", null);
        }

        var component = new ComponentValue(CurrentPlan, inLatest.Count > 0 ? 1 : 0, inputs.Weights.CurrentPlan, inLatest.Count > 0
            ? $"The latest plan {latest.Id} has open contracting commitments: {List(inLatest)}."
            : $"The latest plan {latest.Id} has no open contracting commitment among its {Count(latest.Commitments, "known commitment")}.");
        var earlier = openContracting.Where(c => c.ActionPlanId != latest.Id).Select(c => c.ActionPlanId).Distinct().Order(StringComparer.Ordinal).ToList();
        var dip = inLatest.Count == 0 && earlier.Count > 0
            ? new DipSignal(EngagementDipKind.PlanWithoutOpenContracting, $"The latest plan {latest.Id} has no open contracting commitment, after {List(earlier)} had some.")
            : null;
        return (component, null, dip);
    }

    /// <summary>The best publication's value; a dip when every one is frozen, or none is fresh and unfrozen.</summary>
    private static (ComponentValue? Component, DipSignal? Dip) PublicationOf(ComponentInputs inputs)
    {
        if (inputs.Publications.Count == 0)
        {
            return (null, null);
        }

        var rated = PublicationRating.Rate(inputs.Publications, inputs.Today, inputs.PublicationStaleAfterDays);
        var description = PublicationRating.Describe(rated);
        var component = new ComponentValue(Publication, Math.Round(rated[0].Value, 4), inputs.Weights.Publication, $"OCDS publication: {description}.");
        if (rated.All(x => x.Publication.Frozen))
        {
            return (component, new DipSignal(EngagementDipKind.PublicationFrozen, $"Every OCDS publication is frozen in the OCP Data Registry: {description}."));
        }

        return rated.Any(x => x.Fresh && !x.Publication.Frozen)
            ? (component, null)
            : (component, new DipSignal(EngagementDipKind.PublicationStale, $"No OCDS publication has data newer than {inputs.PublicationStaleAfterDays} days: {description}."));
    }

    private static ComponentValue? MandateOf(ComponentInputs inputs)
    {
        var scores = inputs.Mandate;
        return scores.Count == 0 ? null : new ComponentValue(Mandate, Math.Round((double)scores.Sum(m => m.Score) / (MandateComponents.MaxScore * scores.Count), 4), inputs.Weights.Mandate,
            $"Mandate assessed by liaisons: {MandateComponents.Describe(scores)}.");
    }

    private static double Mean(IEnumerable<int> levels) => Math.Round(levels.Average() / IrmScale.Max, 4);
}
