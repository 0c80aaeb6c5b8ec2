namespace CommitmentTracker.Engagement.Data;

/// <summary>
/// A link between a commitment and its predecessor in an earlier plan, as ActionPlans announced it
/// (<c>CommitmentsLinked</c>, <c>CommitmentsUnlinked</c>). Kept with <see cref="Linked"/> false once unlinked, so an
/// older event arriving late changes nothing.
/// </summary>
internal sealed class ThreadLink
{
    public Guid LinkId { get; set; }
    public required string CommitmentId { get; set; }
    public required string PredecessorId { get; set; }
    public required string MemberCode { get; set; }
    public bool Linked { get; set; }
    /// <summary>The time of the event that last changed the link (UTC).</summary>
    public DateTime ChangedAt { get; set; }
}
