namespace CommitmentTracker.ActionPlans.Data;

/// <summary>A rejected row: where, which column, what value, why.</summary>
internal sealed class ImportRowError
{
    public long Id { get; set; }
    public Guid ImportId { get; set; }
    public int Row { get; set; }
    public string? Column { get; set; }
    public string? Value { get; set; }
    public required string Reason { get; set; }
}
