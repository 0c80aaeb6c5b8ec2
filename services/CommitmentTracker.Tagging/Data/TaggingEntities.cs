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
}

/// <summary>Suggestion states.</summary>
internal static class SuggestionStatus
{
    public const string Pending = "pending";
    /// <summary>Accepted by one organisation for a tag that needs both.</summary>
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    /// <summary>The text changed and no rule matches it any more (or the commitment was removed).</summary>
    public const string Superseded = "superseded";

    public static readonly string[] All = [Pending, Proposed, Accepted, Rejected, Superseded];

    public static bool IsOpen(string status) => status is Pending or Proposed;
}

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

/// <summary>One thing that happened to a commitment's tags: who, organisation, when, what, why.</summary>
internal sealed class TagAuditEntry
{
    public long Id { get; set; }
    public required string CommitmentId { get; set; }
    public required string TagId { get; set; }
    public required string Action { get; set; }
    public string? Actor { get; set; }
    public string? Organisation { get; set; }
    public DateTime At { get; set; }
    public string? Reason { get; set; }
    public Guid? SuggestionId { get; set; }
    public string? Detail { get; set; }
}

/// <summary>Audit actions.</summary>
internal static class AuditAction
{
    public const string Suggested = "suggested";
    public const string Resuggested = "resuggested";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Tagged = "tagged";
    public const string Confirmed = "confirmed";
    public const string Untagged = "untagged";
    public const string Superseded = "superseded";
    public const string TextChanged = "text-changed";
}

/// <summary>A suggestion rule: data an admin changes through the API, without a redeploy.</summary>
internal sealed class SuggestionRule
{
    public required string Id { get; set; }
    public required string TagId { get; set; }
    /// <summary><see cref="RuleKind.Flag"/> or <see cref="RuleKind.Phrase"/>.</summary>
    public required string Kind { get; set; }
    public string? Language { get; set; }
    /// <summary>Phrases (or policy-area names for flag rules), one per line.</summary>
    public required string Phrases { get; set; }
    public double Confidence { get; set; }
    public bool Enabled { get; set; } = true;
    public int Version { get; set; } = 1;

    public IReadOnlyList<string> PhraseList => Phrases.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal static class RuleKind
{
    public const string Flag = "flag";
    public const string Phrase = "phrase";
}
