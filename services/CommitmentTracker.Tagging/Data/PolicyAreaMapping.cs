namespace CommitmentTracker.Tagging.Data;

/// <summary>
/// The OGP policy-area columns (sheet names such as <c>Public Procurement</c>) whose flag is evidence for a tag: data an
/// admin changes through <c>/api/tag-policy-areas</c>, separate from the phrase rules. <see cref="Confidence"/> is the
/// admin's estimate for flag evidence before the calibration has examples of it.
/// </summary>
internal sealed class PolicyAreaMapping
{
    public required string TagId { get; set; }
    /// <summary>Column names, one per line.</summary>
    public string PolicyAreas { get; set; } = string.Empty;
    public double Confidence { get; set; } = 0.85;
    public int Version { get; set; } = 1;

    public IReadOnlyList<string> PolicyAreaList => PolicyAreas.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every installation starts with each tag mapped to OGP's own column for it (Energy and Water &amp; Sanitation have no tag).</summary>
    public static readonly PolicyAreaMapping[] Seed =
    [
        new() { TagId = TagVocabulary.OpenContracting, PolicyAreas = "Open Contracting", Confidence = 0.9 },
        new() { TagId = "public-procurement", PolicyAreas = "Public Procurement" },
        new() { TagId = "beneficial-ownership", PolicyAreas = "Beneficial Ownership" },
        new() { TagId = "sector-health", PolicyAreas = "Health & Nutrition\nOpen Data (Health)", Confidence = 0.7 },
        new() { TagId = "sector-education", PolicyAreas = "Education\nOpen Data (Education)", Confidence = 0.7 },
        new() { TagId = "sector-infrastructure", PolicyAreas = "Infrastructure & Transport", Confidence = 0.7 },
        new() { TagId = "sector-extractives", PolicyAreas = "Extractive Industries", Confidence = 0.7 },
    ];
}
