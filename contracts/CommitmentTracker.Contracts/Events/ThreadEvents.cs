namespace CommitmentTracker.Contracts.Events;

/// <summary>How a link between a commitment and its predecessor came about (<see cref="CommitmentsLinked.Origin"/>).</summary>
public static class LinkOrigin
{
    /// <summary>OGP marked the commitment <c>Carried Forward</c> and its text matched a commitment of the member's previous plan.</summary>
    public const string CarriedForward = "carried-forward";
    /// <summary>Suggested for its text's similarity alone (no <c>Carried Forward</c> mark), then confirmed by a liaison.</summary>
    public const string Similarity = "similarity";
    /// <summary>Made by a liaison (or an admin) by hand.</summary>
    public const string Hand = "hand";
}

/// <summary>The status of a link between a commitment and its predecessor.</summary>
public static class LinkStatus
{
    /// <summary>The commitment continues its predecessor's reform.</summary>
    public const string Linked = "linked";
    /// <summary>Proposed for the text's similarity; waits for a liaison.</summary>
    public const string Suggested = "suggested";
    /// <summary>Rejected or removed by a liaison; kept so it is neither suggested nor linked again.</summary>
    public const string Rejected = "rejected";
}

/// <summary>
/// A commitment now continues a reform of an earlier plan of the same member: a link became <c>linked</c> (made
/// automatically after an import, confirmed or made by a liaison). Published with the change (outbox).
/// </summary>
public sealed record CommitmentsLinked
{
    public required Guid LinkId { get; init; }
    /// <summary>The later commitment (the successor).</summary>
    public required string CommitmentId { get; init; }
    public required string ActionPlanId { get; init; }
    /// <summary>The earlier commitment it continues.</summary>
    public required string PredecessorId { get; init; }
    public required string PredecessorActionPlanId { get; init; }
    public required string MemberCode { get; init; }
    /// <summary><see cref="LinkOrigin"/>.</summary>
    public required string Origin { get; init; }
    /// <summary>The texts' similarity, 0–1.</summary>
    public double Similarity { get; init; }
    /// <summary>Who decided (none for a link made automatically), and their organisation.</summary>
    public string? Actor { get; init; }
    public string? Organisation { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A link stopped being <c>linked</c> (a liaison removed it). Published with the change (outbox).</summary>
public sealed record CommitmentsUnlinked
{
    public required Guid LinkId { get; init; }
    public required string CommitmentId { get; init; }
    public required string PredecessorId { get; init; }
    public required string MemberCode { get; init; }
    public string? Actor { get; init; }
    public string? Organisation { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
