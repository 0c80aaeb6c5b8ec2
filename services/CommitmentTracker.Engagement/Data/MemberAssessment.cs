namespace CommitmentTracker.Engagement.Data;

/// <summary>A member's current assessment. <see cref="Version"/> counts the changes kept in <see cref="AssessmentHistoryEntry"/>.</summary>
internal sealed class MemberAssessment
{
    public required string MemberCode { get; set; }
    public required string Category { get; set; }
    public double Score { get; set; }
    /// <summary>The components as JSON (name, score, weight, explanation).</summary>
    public required string Components { get; set; }
    public required string Explanation { get; set; }
    /// <summary>Dip conditions still in force (codes, one per line), so a condition is announced once, when it starts.</summary>
    public string DipConditions { get; set; } = string.Empty;
    /// <summary>The same conditions in plain language, one per line.</summary>
    public string Warnings { get; set; } = string.Empty;
    public int Version { get; set; }
    public DateTime AssessedAt { get; set; }
}
