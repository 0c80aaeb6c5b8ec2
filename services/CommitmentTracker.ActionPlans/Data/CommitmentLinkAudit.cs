namespace CommitmentTracker.ActionPlans.Data;

/// <summary>One step of a link's life: <c>linked</c>, <c>suggested</c> (by an import), <c>created</c>, <c>confirmed</c>, <c>rejected</c> or <c>removed</c> (by a liaison), who, why, when.</summary>
internal sealed class CommitmentLinkAudit
{
    public long Id { get; set; }
    public Guid LinkId { get; set; }
    public required string Action { get; set; }
    public string? Actor { get; set; }
    public string? Organisation { get; set; }
    public string? Reason { get; set; }
    public DateTime At { get; set; }
}
