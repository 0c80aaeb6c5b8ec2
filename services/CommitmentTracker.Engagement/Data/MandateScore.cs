namespace CommitmentTracker.Engagement.Data;

/// <summary>One component of a member's mandate, as a liaison assessed it (0–3, a note, the day).</summary>
internal sealed class MandateScore
{
    public required string MemberCode { get; set; }
    /// <summary>One of <see cref="Assessment.MandateComponents"/>.</summary>
    public required string Component { get; set; }
    public int Score { get; set; }
    public string? Note { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}
