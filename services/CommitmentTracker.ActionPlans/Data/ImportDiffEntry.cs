namespace CommitmentTracker.ActionPlans.Data;

/// <summary>A dry run's diff entry (a real import's diff is the commitments' history).</summary>
internal sealed class ImportDiffEntry
{
    public long Id { get; set; }
    public Guid ImportId { get; set; }
    public required string Kind { get; set; }
    public string? CommitmentId { get; set; }
    public required string ActionPlanId { get; set; }
    public string? Changes { get; set; }
}
