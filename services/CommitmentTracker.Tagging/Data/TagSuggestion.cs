namespace CommitmentTracker.Tagging.Data;

/// <summary>A tag suggested for a commitment by the rules, with its evidence, waiting for (or past) review.</summary>
internal sealed class TagSuggestion
{
    public Guid Id { get; set; }
    public required string CommitmentId { get; set; }
    public required string MemberCode { get; set; }
    public required string TagId { get; set; }
    public double Confidence { get; set; }
    /// <summary>JSON array of <c>SuggestionEvidence</c>.</summary>
    public required string Evidence { get; set; }
    public required string Status { get; set; }
    /// <summary>The kind of its evidence (<c>EvidenceKind</c>), the calibration cell its confidence came from; null on suggestions made before calibration.</summary>
    public string? EvidenceKind { get; set; }
    /// <summary>The rule (or flag mapping) that decided its evidence kind: the rule-level calibration cell.</summary>
    public string? PrimaryRule { get; set; }
    /// <summary>JSON of <c>SuggestionCalibration</c>: how the confidence was derived when it was computed.</summary>
    public string? Calibration { get; set; }
    /// <summary>1 while the suggestion is open; makes a second open suggestion for the same tag impossible (unique index).</summary>
    public bool IsOpen { get; set; } = true;
    /// <summary>Organisations that accepted it, one per line.</summary>
    public string ApprovedBy { get; set; } = string.Empty;
    public required string TextHash { get; set; }
    public DateTime SuggestedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>Optimistic concurrency token: raised by every change.</summary>
    public int Version { get; set; } = 1;
}
