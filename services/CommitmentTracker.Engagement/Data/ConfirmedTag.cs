namespace CommitmentTracker.Engagement.Data;

/// <summary>A confirmed tag on a commitment, from Tagging's events (proposed tags are not kept: they are not yet agreed).</summary>
internal sealed class ConfirmedTag
{
    public required string CommitmentId { get; set; }
    public required string Tag { get; set; }
    public required string MemberCode { get; set; }
    public DateTime ConfirmedAt { get; set; }
}
