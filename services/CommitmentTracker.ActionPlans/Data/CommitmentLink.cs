namespace CommitmentTracker.ActionPlans.Data;

/// <summary>
/// A link between a commitment and its predecessor in an earlier plan of the same member (a reform followed across
/// plans). <see cref="Status"/>: <c>linked</c>, <c>suggested</c> or <c>rejected</c> (kept, so the pair is never
/// proposed again); <see cref="Origin"/>: <c>carried-forward</c>, <c>similarity</c> or <c>hand</c>. Every step is in
/// <see cref="CommitmentLinkAudit"/>.
/// </summary>
internal sealed class CommitmentLink
{
    public Guid Id { get; set; }
    public required string MemberCode { get; set; }
    /// <summary>The later commitment (the successor).</summary>
    public required string CommitmentId { get; set; }
    public required string PredecessorId { get; set; }
    public required string Status { get; set; }
    public required string Origin { get; set; }
    public double Similarity { get; set; }
    /// <summary>Whether OGP marked the successor <c>Carried Forward</c> = 1 when the link was proposed.</summary>
    public bool CarriedForward { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecidedOrganisation { get; set; }
    public string? Reason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>One more on every decision; the optimistic concurrency token, so two liaisons deciding at once cannot both win.</summary>
    public int Version { get; set; }
}
