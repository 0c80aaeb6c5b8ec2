using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>What the rules conclude for one member; <see cref="Conditions"/> are the dips that hold now.</summary>
internal sealed record AssessmentResult(string Category, double Score, IReadOnlyList<ComponentValue> Components, string Explanation, IReadOnlyList<DipSignal> Conditions);

/// <summary>Everything the rules read about one member (removed commitments already left out).</summary>
internal sealed record MemberFacts(
    MemberProjection Member,
    IReadOnlyList<TrackedCommitment> Commitments,
    IReadOnlyList<ConfirmedTag> ConfirmedTags,
    IReadOnlyList<OcdsPublication> Publications,
    IReadOnlyList<MandateScore> Mandate,
    DateOnly Today)
{
    /// <summary>The liaisons' latest decisions on the member's commitments' open contracting tags.</summary>
    public IReadOnlyList<LiaisonDecision> Decisions { get; init; } = [];

    /// <summary>The member's plans (the latest one is <see cref="MemberProjection.LatestActionPlanId"/>).</summary>
    public IReadOnlyList<MemberActionPlan> Plans { get; init; } = [];

    /// <summary>The member's links across plans, as announced (unlinked ones included, marked).</summary>
    public IReadOnlyList<ThreadLink> Links { get; init; } = [];
}

/// <summary>
/// The engagement rules (docs/engagement.md) with the service's settings: the commitments classed by OGP's flags and
/// liaisons' decisions (<see cref="CommitmentClasses"/>), then the score's components (<see cref="ScoreComponents"/>),
/// the category (<see cref="CategoryRule"/>, with <see cref="CategorySignals"/>) and the explanation
/// (<see cref="AssessmentExplanation"/>). Each is a pure function, so the same facts always give the same assessment,
/// which is what makes recomputation under redelivery a no-op.
/// </summary>
internal sealed class EngagementRules(EngagementOptions options)
{
    public bool IsOpenContracting(string tag) => options.OpenContractingTags.Contains(tag, StringComparer.Ordinal);

    public bool IsFresh(OcdsPublication publication, DateOnly today) => PublicationRating.IsFresh(publication, today, options.PublicationStaleAfterDays);

    /// <summary>
    /// The commitment's completion as written: the IRM's end-of-term assessment. A progress report's completion is a
    /// midterm reading that the end of term may revise (RO0018 was Limited at midterm, then ND), so it does not decide
    /// (docs/engagement.md, "The rules").
    /// </summary>
    public static string? Completion(TrackedCommitment c) => c.CompletionEndOfTerm;

    /// <summary>The member's commitments classed with the settings (<c>OpenContractingTags</c>, <c>AdjacentTags</c>, <c>CountOgpFlags</c>).</summary>
    public CommitmentClasses Classify(IReadOnlyList<TrackedCommitment> commitments, IReadOnlyList<ConfirmedTag> confirmedTags, IReadOnlyList<LiaisonDecision> decisions) =>
        CommitmentClasses.Of(commitments, confirmedTags, decisions, new ClassSettings(options.OpenContractingTags, options.AdjacentTags, options.CountOgpFlags));

    public AssessmentResult Assess(MemberFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var commitments = Classify(facts.Commitments, facts.ConfirmedTags, facts.Decisions);
        var latestPlan = facts.Member.LatestActionPlanId is { } planId
            ? LatestPlanOf(planId, facts.Commitments.Count(c => c.ActionPlanId == planId), facts.Plans.FirstOrDefault(p => p.ActionPlanId == planId))
            : null;
        var scores = ScoreComponents.Of(new ComponentInputs(
            commitments, latestPlan, facts.Publications, facts.Mandate, facts.Today, options.Weights, options.PublicationStaleAfterDays, options.NewPlanGraceDays)
        {
            PreviousPlanId = PreviousPlanId(facts),
            Threads = Threads(facts),
            GrownReformCredit = options.GrownReformCredit,
        });
        var signals = CategorySignals.Of(new SignalInputs(
            commitments, facts.Publications, facts.Mandate, latestPlan, facts.Today, options.PublicationStaleAfterDays, options.NewPlanDueMonths));
        var category = CategoryRule.Decide(new CategoryInputs(commitments, signals, options.ReadyImplementedShare));
        return new AssessmentResult(category.Category, scores.Score, scores.Components, AssessmentExplanation.Compose(category, scores, commitments.ExcludedSentence()), scores.Conditions);
    }

    /// <summary>The member's plan just before its latest one (by submission year, number, id), if any.</summary>
    private static string? PreviousPlanId(MemberFacts facts) => facts.Member.LatestActionPlanId is not { } latest ? null
        : facts.Plans.Where(p => p.ActionPlanId != latest && facts.Plans.Any(l => l.ActionPlanId == latest && MemberActionPlan.IsLaterThan(l, p)))
            .OrderByDescending(p => p.SubmissionYear ?? int.MinValue).ThenByDescending(p => p.Number ?? int.MinValue).ThenByDescending(p => p.ActionPlanId, StringComparer.Ordinal)
            .FirstOrDefault()?.ActionPlanId;

    /// <summary>The linked pairs whose two commitments are among the member's (not removed) commitments.</summary>
    private static List<ThreadPair> Threads(MemberFacts facts)
    {
        var byId = facts.Commitments.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return [.. facts.Links
            .Where(l => l.Linked && byId.ContainsKey(l.CommitmentId) && byId.ContainsKey(l.PredecessorId))
            .Select(l => new ThreadPair(byId[l.CommitmentId], byId[l.PredecessorId]))];
    }

    private static LatestPlan LatestPlanOf(string planId, int commitments, MemberActionPlan? plan) =>
        new(planId, commitments, plan is null ? null : DateOnly.FromDateTime(plan.FirstSeenAt), plan?.EndYear);
}
