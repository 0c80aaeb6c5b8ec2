namespace CommitmentTracker.Tagging.Data;

/// <summary>Tagging's own projection of a commitment, kept from ActionPlans' commitment events.</summary>
internal sealed class TrackedCommitment
{
    public const int MaxInstitutionLength = 4000;
    public const int MaxThemeLength = 500;

    public required string Id { get; set; }
    public required string ActionPlanId { get; set; }
    public required string MemberCode { get; set; }
    public required string Title { get; set; }
    public string? FullText { get; set; }
    /// <summary>The lead institution as the sheet names it: masked in the text, never evidence.</summary>
    public string? LeadInstitution { get; set; }
    public string? SupportingInstitutions { get; set; }
    /// <summary>The action plan's theme (axis) the commitment sits under: masked in the text, never evidence.</summary>
    public string? Theme { get; set; }
    /// <summary>OGP's policy-area flags that are set, one per line.</summary>
    public string PolicyAreas { get; set; } = string.Empty;
    /// <summary>SHA-256 of title, full text and flags: what suggestions were computed from.</summary>
    public required string TextHash { get; set; }
    public bool Removed { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> PolicyAreaList => PolicyAreas.Length == 0 ? [] : PolicyAreas.Split('\n');

    /// <summary>A commitment id as ActionPlans stores it (OGP ids are upper case), whoever wrote it.</summary>
    public static string NormalizeId(string id) => id.Trim().ToUpperInvariant();
}
