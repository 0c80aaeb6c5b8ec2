using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>An open contracting commitment the IRM has assessed for completion, with its level (0–3).</summary>
internal sealed record AssessedCommitment(TrackedCommitment Commitment, int Level);

/// <summary>
/// A member's commitments as their confirmed tags class them, each list ordered by id: the open contracting ones (an
/// <c>Engagement:OpenContractingTags</c> tag), the adjacent ones (an <c>Engagement:AdjacentTags</c> tag and no open
/// contracting one), and the open contracting ones with an IRM completion.
/// </summary>
internal sealed record CommitmentClasses(
    IReadOnlyList<TrackedCommitment> OpenContracting,
    IReadOnlyList<TrackedCommitment> Adjacent,
    IReadOnlyList<AssessedCommitment> Assessed)
{
    public static CommitmentClasses Of(
        IReadOnlyList<TrackedCommitment> commitments, ILookup<string, string> confirmedTags, IReadOnlyCollection<string> openContractingTags, IReadOnlyCollection<string> adjacentTags)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(confirmedTags);
        var openContracting = commitments
            .Where(c => confirmedTags[c.Id].Any(t => openContractingTags.Contains(t, StringComparer.Ordinal)))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var adjacent = commitments
            .Where(c => !openContracting.Contains(c) && confirmedTags[c.Id].Any(t => adjacentTags.Contains(t, StringComparer.Ordinal)))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var assessed = openContracting
            .Select(c => (Commitment: c, Level: IrmScale.CompletionLevel(EngagementRules.Completion(c))))
            .Where(x => x.Level is not null)
            .Select(x => new AssessedCommitment(x.Commitment, x.Level!.Value)).ToList();
        return new CommitmentClasses(openContracting, adjacent, assessed);
    }
}
