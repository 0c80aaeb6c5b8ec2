namespace CommitmentTracker.Engagement.Data;

/// <summary>One change of a member's assessment, as it was after the change.</summary>
internal sealed class AssessmentHistoryEntry
{
    public long Id { get; set; }
    public required string MemberCode { get; set; }
    public int Version { get; set; }
    public string? PreviousCategory { get; set; }
    public required string Category { get; set; }
    public double Score { get; set; }
    public required string Components { get; set; }
    public required string Explanation { get; set; }
    public bool IsDip { get; set; }
    /// <summary>Plain-language reasons of the dips that started with this change, one per line.</summary>
    public string DipReasons { get; set; } = string.Empty;
    public required string Trigger { get; set; }
    public DateTime AssessedAt { get; set; }
}
