namespace CommitmentTracker.Engagement.Data;

/// <summary>A confirmed tag on a commitment, from Tagging's events (proposed tags are not kept: they are not yet agreed).</summary>
internal sealed class ConfirmedTag
{
    public required string CommitmentId { get; set; }
    public required string Tag { get; set; }
    public required string MemberCode { get; set; }
    public DateTime ConfirmedAt { get; set; }
    /// <summary>The organisations whose liaisons approved the tag (<c>OGP</c>, <c>OCP</c>, <c>admin</c>), one per line; empty for tags kept before this was recorded.</summary>
    public string ApprovedBy { get; set; } = string.Empty;
}
