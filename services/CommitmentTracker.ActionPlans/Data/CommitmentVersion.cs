namespace CommitmentTracker.ActionPlans.Data;

/// <summary>One version of a commitment: what happened and, for a change, every field before and after.</summary>
internal sealed class CommitmentVersion
{
    public long Id { get; set; }
    public required string CommitmentId { get; set; }
    public int Version { get; set; }
    public required string Kind { get; set; }
    public Guid? ImportId { get; set; }
    public DateTime At { get; set; }
    /// <summary>JSON array of field changes; null when there are none (added, removed).</summary>
    public string? Changes { get; set; }
}
