namespace CommitmentTracker.Tagging.Data;

/// <summary>One thing that happened to a commitment's tags: who, organisation, when, what, why.</summary>
internal sealed class TagAuditEntry
{
    public long Id { get; set; }
    public required string CommitmentId { get; set; }
    public required string TagId { get; set; }
    public required string Action { get; set; }
    public string? Actor { get; set; }
    public string? Organisation { get; set; }
    public DateTime At { get; set; }
    public string? Reason { get; set; }
    public Guid? SuggestionId { get; set; }
    public string? Detail { get; set; }
}
