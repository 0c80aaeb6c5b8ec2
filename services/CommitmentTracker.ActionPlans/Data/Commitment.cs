namespace CommitmentTracker.ActionPlans.Data;

/// <summary>
/// A commitment as last imported. <see cref="Cells"/> and <see cref="FullText"/> hold every known column's raw text
/// (the source of truth); the other columns are copies promoted for filtering, sorting and the unchanged-row fast path.
/// </summary>
internal sealed class Commitment
{
    // Property order is column order: small columns first, so filters and the hash lookup never read past the
    // large text columns (in SQLite a row's later columns sit behind its overflow pages).
    public required string Id { get; set; }
    public required string ActionPlanId { get; set; }
    public required string MemberCode { get; set; }
    /// <summary>Which file layout owns the row (<c>ogp-sheet</c> or <c>ogp-explorer</c>): an import only removes rows of its own layout.</summary>
    public required string Layout { get; set; }
    public bool Removed { get; set; }
    /// <summary>1 when added; one more for every change, removal or restoration. Also the optimistic concurrency token.</summary>
    public int Version { get; set; }
    /// <summary>Hash of the columns that count as a change: equal hashes mean an unchanged row without reading <see cref="Cells"/>.</summary>
    public required byte[] ContentHash { get; set; }
    /// <summary>Hash of every cell, housekeeping and extra columns too: these are stored silently when only they differ.</summary>
    public required byte[] FullHash { get; set; }
    /// <summary>The latest IRM completion (end of term, else progress report), lower case, for filtering.</summary>
    public string? Completion { get; set; }
    /// <summary>Slugs of the policy areas flagged 1, each between bars (<c>|open-contracting|public-procurement|</c>), for filtering.</summary>
    public string PolicyAreas { get; set; } = "|";
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public DateTime? RemovedAt { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? LastImportId { get; set; }
    public required string Title { get; set; }
    public string? ShortTitle { get; set; }
    public string? LeadInstitution { get; set; }
    public string? FullText { get; set; }
    /// <summary>JSON object of columns outside the sheet's definition, or null.</summary>
    public string? ExtraCells { get; set; }
    /// <summary>JSON object: sheet column name → raw cell text, for every known column the files carried except the full text (in <see cref="FullText"/>).</summary>
    public required string Cells { get; set; }
}
