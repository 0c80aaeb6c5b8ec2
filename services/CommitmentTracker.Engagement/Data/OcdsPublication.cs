namespace CommitmentTracker.Engagement.Data;

/// <summary>A publication of the OCP Data Registry, as of the last import (an import replaces the whole set).</summary>
internal sealed class OcdsPublication
{
    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>The registry's display name, as written there.</summary>
    public required string Country { get; set; }
    /// <summary>The member the country name maps to; null when no name or alias matches (reported, never guessed).</summary>
    public string? MemberCode { get; set; }
    public string? Region { get; set; }
    public string? SourceId { get; set; }
    public string? SourceUrl { get; set; }
    public DateOnly? LastRetrieved { get; set; }
    public DateOnly? DateFrom { get; set; }
    public DateOnly? DateTo { get; set; }
    public bool Frozen { get; set; }
    /// <summary>Covered stages among tender, awards, contracts, implementation, one per line.</summary>
    public string Stages { get; set; } = string.Empty;
    public DateTime ImportedAt { get; set; }

    public IReadOnlyList<string> StageList => Stages.Length == 0 ? [] : Stages.Split('\n');
}
