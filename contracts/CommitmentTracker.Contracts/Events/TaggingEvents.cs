namespace CommitmentTracker.Contracts.Events;

/// <summary>Which rule matched which words, as evidence for a suggestion; <c>Part</c> is where the words stand in the text.</summary>
public sealed record SuggestionEvidence(string Rule, string Field, string MatchedText)
{
    /// <summary><c>title</c>, <c>objective</c>, <c>body</c>, <c>relevance</c> or <c>milestones</c>; absent for OGP's flags.</summary>
    public string? Part { get; init; }
}

/// <summary>A tag was suggested for a commitment, with the evidence behind it.</summary>
public sealed record TagSuggested
{
    public required Guid SuggestionId { get; init; }
    public required string CommitmentId { get; init; }
    public required string MemberCode { get; init; }
    public required string Tag { get; init; }
    /// <summary>0..1.</summary>
    public required double Confidence { get; init; }
    public IReadOnlyList<SuggestionEvidence> Evidence { get; init; } = [];
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>True when the suggestion was recomputed after the commitment's text changed (or by an admin's recomputation).</summary>
    public bool Recomputed { get; init; }
    /// <summary>The kind of evidence the confidence was calibrated for (e.g. <c>flag+text</c>); absent on older events.</summary>
    public string? EvidenceKind { get; init; }
}

/// <summary>Tag status values carried by <see cref="CommitmentTagged"/>.</summary>
public static class TagStatus
{
    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";
}

/// <summary>A tag was proposed or confirmed on a commitment by a liaison.</summary>
public sealed record CommitmentTagged
{
    public required string CommitmentId { get; init; }
    public required string MemberCode { get; init; }
    public required string Tag { get; init; }
    /// <summary><see cref="TagStatus.Proposed"/> or <see cref="TagStatus.Confirmed"/>.</summary>
    public required string Status { get; init; }
    /// <summary><c>OGP</c> or <c>OCP</c>.</summary>
    public string? Organisation { get; init; }
    public string? Actor { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The suggestion this tag came from, when it came from one.</summary>
    public Guid? SuggestionId { get; init; }
    /// <summary>The organisations whose liaisons approved the tag so far.</summary>
    public IReadOnlyList<string> ApprovedBy { get; init; } = [];
}

/// <summary>A tag was removed from a commitment.</summary>
public sealed record CommitmentUntagged
{
    public required string CommitmentId { get; init; }
    public required string MemberCode { get; init; }
    public required string Tag { get; init; }
    public string? Organisation { get; init; }
    public string? Actor { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A liaison rejected a suggested tag, with the reason when one was given. Published in the same transaction as the
/// rejection. Engagement reads a rejected open contracting tag on a commitment OGP flagged as the liaisons' decision
/// that it is not about open contracting, until a later confirmed tag (or an untag) decides again.
/// </summary>
public sealed record TagSuggestionRejected
{
    public required Guid SuggestionId { get; init; }
    public required string CommitmentId { get; init; }
    public required string MemberCode { get; init; }
    public required string Tag { get; init; }
    /// <summary><c>OGP</c>, <c>OCP</c>, or <c>admin</c>.</summary>
    public string? Organisation { get; init; }
    public string? Actor { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
