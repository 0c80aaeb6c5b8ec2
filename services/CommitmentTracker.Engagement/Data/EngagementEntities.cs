namespace CommitmentTracker.Engagement.Data;

/// <summary>
/// A commitment as Engagement needs it, from ActionPlans' events: its plan and the IRM values as raw text (NA, ND and
/// NR are kept as written; they are states, never zeros). Removed commitments stay, marked, and are not assessed.
/// </summary>
internal sealed class TrackedCommitment
{
    public required string Id { get; set; }
    public required string MemberCode { get; set; }
    public required string ActionPlanId { get; set; }
    public required string Title { get; set; }
    public string? PotentialImpact { get; set; }
    public string? PotentialForResults { get; set; }
    public string? CompletionProgressReport { get; set; }
    public string? CompletionEndOfTerm { get; set; }
    public string? EarlyResults { get; set; }
    public string? DidItOpenGovernment { get; set; }
    public bool Removed { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A confirmed tag on a commitment, from Tagging's events (proposed tags are not kept: they are not yet agreed).</summary>
internal sealed class ConfirmedTag
{
    public required string CommitmentId { get; set; }
    public required string Tag { get; set; }
    public required string MemberCode { get; set; }
    public DateTime ConfirmedAt { get; set; }
}

/// <summary>One component of a member's mandate, as a liaison assessed it (0–3, a note, the day).</summary>
internal sealed class MandateScore
{
    public required string MemberCode { get; set; }
    /// <summary>One of <see cref="MandateComponents"/>.</summary>
    public required string Component { get; set; }
    public int Score { get; set; }
    public string? Note { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}

internal static class MandateComponents
{
    public const string PoliticalLeadership = "political-leadership";
    public const string NamedOfficials = "named-officials";
    public const string Resources = "resources";
    public const string Coalition = "coalition";
    public const int MaxScore = 3;

    public static readonly string[] All = [PoliticalLeadership, NamedOfficials, Resources, Coalition];
}

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

/// <summary>A member's current assessment. <see cref="Version"/> counts the changes kept in <see cref="AssessmentHistoryEntry"/>.</summary>
internal sealed class MemberAssessment
{
    public required string MemberCode { get; set; }
    public required string Category { get; set; }
    public double Score { get; set; }
    /// <summary>The components as JSON (name, score, weight, explanation).</summary>
    public required string Components { get; set; }
    public required string Explanation { get; set; }
    /// <summary>Dip conditions still in force (codes, one per line), so a condition is announced once, when it starts.</summary>
    public string DipConditions { get; set; } = string.Empty;
    /// <summary>The same conditions in plain language, one per line.</summary>
    public string Warnings { get; set; } = string.Empty;
    public int Version { get; set; }
    public DateTime AssessedAt { get; set; }
}

/// <summary>One change of a member's assessment, as it was after the change.</summary>
internal sealed class AssessmentHistoryEntry
{
    public long Id { get; set; }
    public required string MemberCode { get; set; }
    public int Version { get; set; }
    public string? PreviousCategory { get; set; }
    public required string Category { get; set; }
    public double Score { get; set; }
    public required string Components { get; set; }
    public required string Explanation { get; set; }
    public bool IsDip { get; set; }
    /// <summary>Plain-language reasons of the dips that started with this change, one per line.</summary>
    public string DipReasons { get; set; } = string.Empty;
    public required string Trigger { get; set; }
    public DateTime AssessedAt { get; set; }
}

/// <summary>A registry country name an admin mapped to a member; it wins over the shipped table and the settings.</summary>
internal sealed class CountryAlias
{
    /// <summary>The name as compared (<see cref="Ocds.CountryNames.Key"/>).</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string MemberCode { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}

/// <summary>The scheduled pull of the registry: when it is next due (claimed atomically, so one instance pulls), its validators and last outcome.</summary>
internal sealed class RegistryPullState
{
    public const string RegistryName = "ocp-registry";

    public required string Name { get; set; }
    public DateTime NextDueAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    /// <summary><see cref="Imported"/>, <see cref="NotModified"/> or <see cref="Rejected"/>; <see cref="LastOutcome"/> has the words.</summary>
    public string? LastResult { get; set; }
    public string? LastOutcome { get; set; }

    public const string Imported = "imported";
    public const string NotModified = "not-modified";
    public const string Rejected = "rejected";
}
