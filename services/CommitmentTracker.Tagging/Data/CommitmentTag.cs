namespace CommitmentTracker.Tagging.Data;

/// <summary>A tag on a commitment, proposed (awaiting approvals) or confirmed. Untagging deletes the row; the audit keeps it.</summary>
internal sealed class CommitmentTag
{
    public required string CommitmentId { get; set; }
    public required string TagId { get; set; }
    public required string Status { get; set; }
    /// <summary>Organisations that approved it (<c>OGP</c>, <c>OCP</c>, or <c>admin</c>), one per line.</summary>
    public string ApprovedBy { get; set; } = string.Empty;
    public Guid? SuggestionId { get; set; }
    public DateTime TaggedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public bool TextChangedSinceConfirmation { get; set; }
    public int Version { get; set; } = 1;
}
