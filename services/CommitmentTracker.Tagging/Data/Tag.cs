namespace CommitmentTracker.Tagging.Data;

/// <summary>A tag of the vocabulary. Tags are retired, never deleted, so history stays intact.</summary>
internal sealed class Tag
{
    public required string Id { get; set; }
    public required string Label { get; set; }
    public required string Description { get; set; }
    public string? ParentId { get; set; }
    public bool Retired { get; set; }
    /// <summary><see cref="ConfirmationPolicy.OneLiaison"/> or <see cref="ConfirmationPolicy.BothOrganisations"/>.</summary>
    public string Confirmation { get; set; } = ConfirmationPolicy.OneLiaison;
}
