using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Assessment;

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
/// The engagement rules (docs/engagement.md) with the service's settings: the commitments classed by their tags, then
/// the score's components (<see cref="ScoreComponents"/>), the category (<see cref="CategoryRule"/>, with
/// <see cref="CategorySignals"/>) and the explanation (<see cref="AssessmentExplanation"/>). Each is a pure function,
/// so the same facts always give the same assessment, which is what makes recomputation under redelivery a no-op.
/// </summary>
internal sealed class EngagementRules(EngagementOptions options)
{
    public bool IsOpenContracting(string tag) => options.OpenContractingTags.Contains(tag, StringComparer.Ordinal);

    public bool IsFresh(OcdsPublication publication, DateOnly today) => PublicationRating.IsFresh(publication, today, options.PublicationStaleAfterDays);

    /// <summary>The commitment's completion as written: end of term when assessed, else the progress report.</summary>
    public static string? Completion(TrackedCommitment c) =>
        IrmScale.CompletionLevel(c.CompletionEndOfTerm) is not null ? c.CompletionEndOfTerm
        : IrmScale.CompletionLevel(c.CompletionProgressReport) is not null ? c.CompletionProgressReport
        : c.CompletionEndOfTerm ?? c.CompletionProgressReport;

    public AssessmentResult Assess(MemberFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var commitments = CommitmentClasses.Of(facts.Commitments, facts.ConfirmedTags, options.OpenContractingTags, options.AdjacentTags);
        var latestPlan = facts.Member.LatestActionPlanId is { } planId
            ? new LatestPlan(planId, facts.Commitments.Count(c => c.ActionPlanId == planId), facts.LatestPlanKnownSince)
            : null;
        var scores = ScoreComponents.Of(new ComponentInputs(
            commitments, latestPlan, facts.Publications, facts.Mandate, facts.Today, options.Weights, options.PublicationStaleAfterDays, options.NewPlanGraceDays));
        var signals = CategorySignals.Of(new SignalInputs(commitments.Adjacent, facts.Publications, facts.Mandate, facts.Today, options.PublicationStaleAfterDays));
        var category = CategoryRule.Decide(new CategoryInputs(commitments, signals, options.ReadyImplementedShare));
        return new AssessmentResult(category.Category, scores.Score, scores.Components, AssessmentExplanation.Compose(category, scores), scores.Conditions);
    }
}
