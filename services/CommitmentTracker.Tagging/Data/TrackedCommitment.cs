namespace CommitmentTracker.Tagging.Data;

/// <summary>Tagging's own projection of a commitment, kept from ActionPlans' commitment events.</summary>
internal sealed class TrackedCommitment
{
    public required string Id { get; set; }
    public required string ActionPlanId { get; set; }
    public required string MemberCode { get; set; }
    public required string Title { get; set; }
    public string? FullText { get; set; }
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
