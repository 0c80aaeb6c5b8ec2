using System.Globalization;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>A score component: value 0–1, its weight, and the evidence in words.</summary>
internal sealed record ComponentValue(string Name, double Score, double Weight, string Explanation);

/// <summary>A dip condition in force (plan without open contracting, stale or frozen publication), or a fall seen in this change.</summary>
internal sealed record DipSignal(string Kind, string Reason);

/// <summary>What the rules conclude for one member; <see cref="Conditions"/> are the dips that hold now.</summary>
internal sealed record AssessmentResult(string Category, double Score, IReadOnlyList<ComponentValue> Components, string Explanation, IReadOnlyList<DipSignal> Conditions);

/// <summary>Everything the rules read about one member (removed commitments already left out).</summary>
internal sealed record MemberFacts(
    MemberProjection Member,
    IReadOnlyList<TrackedCommitment> Commitments,
    ILookup<string, string> ConfirmedTags,
    IReadOnlyList<OcdsPublication> Publications,
    IReadOnlyList<MandateScore> Mandate,
    DateOnly Today,
    DateOnly? LatestPlanKnownSince = null);

/// <summary>
/// The engagement rules (docs/engagement.md): pure, so the same facts always give the same assessment, which is what
/// makes recomputation under redelivery a no-op.
/// </summary>
internal sealed class EngagementRules(EngagementOptions options)
{
    public const string Implementation = "implementation";
    public const string Ambition = "ambition";
    public const string Results = "results";
    public const string CurrentPlan = "current-plan";
    public const string Publication = "ocds-publication";
    public const string Mandate = "mandate";

    private static readonly string[] Stages = ["tender", "awards", "contracts", "implementation"];

    public static IReadOnlyList<string> StagesCovered(IReadOnlyDictionary<string, long>? coverage) =>
        coverage is null ? [] : [.. Stages.Where(stage => Covered(coverage, stage == "implementation" ? "/contracts/implementation" : "/" + stage))];

    private static bool Covered(IReadOnlyDictionary<string, long> coverage, string path) => coverage.TryGetValue(path, out var count) && count > 0;

    public bool IsOpenContracting(string tag) => options.OpenContractingTags.Contains(tag, StringComparer.Ordinal);

    public bool IsFresh(OcdsPublication publication, DateOnly today) =>
        (publication.DateTo ?? publication.LastRetrieved) is { } end && end.AddDays(options.PublicationStaleAfterDays) >= today;

    /// <summary>The commitment's completion as written: end of term when assessed, else the progress report.</summary>
    public static string? Completion(TrackedCommitment c) =>
        IrmScale.CompletionLevel(c.CompletionEndOfTerm) is not null ? c.CompletionEndOfTerm
        : IrmScale.CompletionLevel(c.CompletionProgressReport) is not null ? c.CompletionProgressReport
        : c.CompletionEndOfTerm ?? c.CompletionProgressReport;

    public AssessmentResult Assess(MemberFacts facts)
    {
        var openContracting = facts.Commitments.Where(c => facts.ConfirmedTags[c.Id].Any(IsOpenContracting)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var adjacent = facts.Commitments
            .Where(c => !openContracting.Contains(c) && facts.ConfirmedTags[c.Id].Any(t => options.AdjacentTags.Contains(t, StringComparer.Ordinal)))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var assessed = openContracting.Select(c => (Commitment: c, Level: IrmScale.CompletionLevel(Completion(c)))).Where(x => x.Level is not null).ToList();

        var components = new List<ComponentValue>();
        var weights = options.Weights;
        if (assessed.Count > 0)
        {
            components.Add(new(Implementation, Mean(assessed.Select(x => x.Level!.Value)), weights.Implementation,
                $"IRM completion of {Count(assessed.Count, "open contracting commitment")}: {List(assessed.Select(x => $"{x.Commitment.Id} {Completion(x.Commitment)}"))}."));
        }

        var ambition = openContracting.Select(c => (c, Value: IrmScale.AmbitionLevel(c.PotentialImpact) is not null ? c.PotentialImpact : c.PotentialForResults))
            .Where(x => IrmScale.AmbitionLevel(x.Value) is not null).ToList();
        if (ambition.Count > 0)
        {
            components.Add(new(Ambition, Mean(ambition.Select(x => IrmScale.AmbitionLevel(x.Value)!.Value)), weights.Ambition,
                $"Potential impact or potential for results: {List(ambition.Select(x => $"{x.c.Id} {x.Value}"))}."));
        }

        var results = openContracting.Select(c => (c, Value: IrmScale.ResultsLevel(c.DidItOpenGovernment) is not null ? c.DidItOpenGovernment : c.EarlyResults))
            .Where(x => IrmScale.ResultsLevel(x.Value) is not null).ToList();
        if (results.Count > 0)
        {
            components.Add(new(Results, Mean(results.Select(x => IrmScale.ResultsLevel(x.Value)!.Value)), weights.Results,
                $"Did it open government or early results: {List(results.Select(x => $"{x.c.Id} {x.Value}"))}."));
        }

        var conditions = new List<DipSignal>();
        var latestPlan = facts.Member.LatestActionPlanId;
        var latestPlanCommitments = facts.Commitments.Count(c => c.ActionPlanId == latestPlan);
        var latestHasOpenContracting = openContracting.Any(c => c.ActionPlanId == latestPlan);
        var earlierWithOpenContracting = openContracting.Where(c => c.ActionPlanId != latestPlan).Select(c => c.ActionPlanId).Distinct().Order(StringComparer.Ordinal).ToList();
        // Only a member that has had open contracting commitments is measured on its latest plan: for the others the
        // absence is already the whole story (category (c) or not enough data), and a zero here would be noise.
        string? pendingPlan = null;
        if (latestPlan is not null && latestPlanCommitments > 0 && openContracting.Count > 0)
        {
            // Liaisons tag a new plan's commitments after it arrives: until the grace period ends, a plan without
            // confirmed open contracting is pending (left out of the score), not yet a dip.
            var measuredFrom = facts.LatestPlanKnownSince?.AddDays(options.NewPlanGraceDays);
            if (!latestHasOpenContracting && measuredFrom > facts.Today)
            {
                pendingPlan = $"The latest plan {latestPlan} has no confirmed open contracting commitment yet; it counts from {measuredFrom.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {Count(options.NewPlanGraceDays, "day")} after it arrived, so liaisons can tag it first.";
            }
            else
            {
                components.Add(new(CurrentPlan, latestHasOpenContracting ? 1 : 0, weights.CurrentPlan, latestHasOpenContracting
                    ? $"The latest plan {latestPlan} has open contracting commitments: {List(openContracting.Where(c => c.ActionPlanId == latestPlan).Select(c => c.Id))}."
                    : $"The latest plan {latestPlan} has no open contracting commitment among its {Count(latestPlanCommitments, "known commitment")}."));
                if (!latestHasOpenContracting && earlierWithOpenContracting.Count > 0)
                {
                    conditions.Add(new(EngagementDipKind.PlanWithoutOpenContracting,
                        $"The latest plan {latestPlan} has no open contracting commitment, after {List(earlierWithOpenContracting)} had some."));
                }
            }
        }

        var publicationSignal = AssessPublications(facts, components, conditions);
        var mandateSignal = AssessMandate(facts, components);

        var totalWeight = components.Sum(c => c.Weight);
        var score = totalWeight > 0 ? Math.Round(100 * components.Sum(c => c.Weight * c.Score) / totalWeight, 1) : 0;

        string category;
        string why;
        if (assessed.Count > 0)
        {
            var implemented = assessed.Where(x => x.Level >= 2).Select(x => x.Commitment.Id).ToList();
            var share = (double)implemented.Count / assessed.Count;
            category = share >= options.ReadyImplementedShare ? EngagementCategory.ReadyForMore : EngagementCategory.FacedProblems;
            why = category == EngagementCategory.ReadyForMore
                ? $"Category (a), ready to be more ambitious: {implemented.Count} of {Count(assessed.Count, "IRM-assessed open contracting commitment")} reached substantial or complete implementation ({List(implemented)})."
                : $"Category (b), open contracting commitments faced problems in implementation: only {implemented.Count} of {Count(assessed.Count, "IRM-assessed open contracting commitment")} reached substantial or complete implementation; {List(assessed.Where(x => x.Level < 2).Select(x => $"{x.Commitment.Id} {Completion(x.Commitment)}"))}.";
        }
        else if (openContracting.Count > 0)
        {
            category = EngagementCategory.NotEnoughData;
            why = $"Not enough data: {Count(openContracting.Count, "open contracting commitment")} ({List(openContracting.Select(c => $"{c.Id} {Completion(c) ?? "blank"}"))}) {(openContracting.Count == 1 ? "has" : "have")} no IRM completion yet.";
        }
        else
        {
            var signals = new List<string>();
            if (adjacent.Count > 0)
            {
                signals.Add($"procurement commitments without open contracting ({List(adjacent.Select(c => c.Id))})");
            }

            if (publicationSignal is not null)
            {
                signals.Add(publicationSignal);
            }

            if (mandateSignal is not null)
            {
                signals.Add(mandateSignal);
            }

            category = signals.Count > 0 ? EngagementCategory.MightInclude : EngagementCategory.NotEnoughData;
            why = signals.Count > 0
                ? $"Category (c), might include open contracting in its next plan: no open contracting commitment yet, but {string.Join("; ", signals)}."
                : "Not enough data: no open contracting commitment, no procurement commitment, no OCDS publication and no mandate assessment.";
        }

        var explanation = string.Join(' ', new[] { why }.Concat(components.Select(c => c.Explanation)).Append(pendingPlan).OfType<string>().Concat(conditions.Select(c => "Dip: " + c.Reason)));
        return new AssessmentResult(category, score, components, explanation, conditions);
    }

    /// <summary>Adds the publication component and its dip conditions; returns the (c) signal when the member publishes.</summary>
    private string? AssessPublications(MemberFacts facts, List<ComponentValue> components, List<DipSignal> conditions)
    {
        if (facts.Publications.Count == 0)
        {
            return null;
        }

        var rated = facts.Publications
            .Select(p => (Publication: p, Fresh: IsFresh(p, facts.Today), Value: PublicationValue(p, facts.Today)))
            .OrderByDescending(x => x.Value).ThenBy(x => x.Publication.Id).ToList();
        var best = rated[0];
        var description = List(rated.Select(x => $"'{x.Publication.Title}' ({Describe(x.Publication, x.Fresh)})"));
        components.Add(new(Publication, Math.Round(best.Value, 4), options.Weights.Publication, $"OCDS publication: {description}."));

        if (rated.All(x => x.Publication.Frozen))
        {
            conditions.Add(new(EngagementDipKind.PublicationFrozen, $"Every OCDS publication is frozen in the OCP Data Registry: {description}."));
            return null;
        }

        if (!rated.Any(x => x.Fresh && !x.Publication.Frozen))
        {
            conditions.Add(new(EngagementDipKind.PublicationStale, $"No OCDS publication has data newer than {options.PublicationStaleAfterDays} days: {description}."));
        }

        return $"it publishes OCDS data ({description})";
    }

    /// <summary>Freshness (1 fresh, 0.5 stale, 0.25 frozen) times stage coverage (half for publishing, half shared by the four stages).</summary>
    private double PublicationValue(OcdsPublication p, DateOnly today) =>
        (p.Frozen ? 0.25 : IsFresh(p, today) ? 1 : 0.5) * (0.5 + (0.5 * p.StageList.Count / Stages.Length));

    private static string Describe(OcdsPublication p, bool fresh) =>
        $"{(p.Frozen ? "frozen" : fresh ? "fresh" : "stale")}, data to {(p.DateTo ?? p.LastRetrieved)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"}, stages: {(p.StageList.Count == 0 ? "none" : string.Join(", ", p.StageList))}";

    /// <summary>Adds the mandate component; returns the (c) signal when a component is scored above zero.</summary>
    private string? AssessMandate(MemberFacts facts, List<ComponentValue> components)
    {
        if (facts.Mandate.Count == 0)
        {
            return null;
        }

        var scores = facts.Mandate.OrderBy(m => Array.IndexOf(MandateComponents.All, m.Component)).ToList();
        var text = List(scores.Select(m => $"{m.Component} {m.Score}/3 ({m.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(m.Note is null ? string.Empty : ": " + m.Note)})"));
        components.Add(new(Mandate, Math.Round((double)scores.Sum(m => m.Score) / (MandateComponents.MaxScore * scores.Count), 4), options.Weights.Mandate, $"Mandate assessed by liaisons: {text}."));
        return scores.Any(m => m.Score > 0) ? $"its mandate has some thickness ({text})" : null;
    }

    private static double Mean(IEnumerable<int> levels) => Math.Round(levels.Average() / IrmScale.Max, 4);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string List(IEnumerable<string> items) => string.Join(", ", items);
}
