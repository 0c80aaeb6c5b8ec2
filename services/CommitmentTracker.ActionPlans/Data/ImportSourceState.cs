namespace CommitmentTracker.ActionPlans.Data;

/// <summary>The state of a configured source's scheduled pull: its validators for conditional GET and when it is next due.</summary>
internal sealed class ImportSourceState
{
    public required string Name { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTime NextDueAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }
    /// <summary>What the last pull did, e.g. <c>imported</c>, <c>not-modified</c>, or the error.</summary>
    public string? LastOutcome { get; set; }
    public Guid? LastImportId { get; set; }
}
