namespace CommitmentTracker.Contracts.Events;

/// <summary>An action plan was seen for the first time (by an import or an admin).</summary>
public sealed record ActionPlanImported
{
    /// <summary>OGP's action plan id, e.g. <c>AP_GBR05</c>.</summary>
    public required string ActionPlanId { get; init; }
    /// <summary>Member code: ISO alpha-3, or 4 letters for local members.</summary>
    public required string MemberCode { get; init; }
    public required string MemberName { get; init; }
    public int? Number { get; init; }
    public int? SubmissionYear { get; init; }
    public int? EndYear { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A commitment appeared in an import for the first time.</summary>
public sealed record CommitmentAdded
{
    /// <summary>OGP's opaque commitment id, e.g. <c>UK0098</c>.</summary>
    public required string CommitmentId { get; init; }
    public required string ActionPlanId { get; init; }
    public required string MemberCode { get; init; }
    public required string Title { get; init; }
    /// <summary>OGP's own policy-area flags that are set (e.g. <c>Open Contracting</c>).</summary>
    public IReadOnlyList<string> PolicyAreas { get; init; } = [];
    public Guid? ImportId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The commitment as imported (absent on events from before imports existed).</summary>
    public CommitmentSnapshot? Current { get; init; }
    /// <summary>True when a commitment marked removed came back in a later import.</summary>
    public bool Restored { get; init; }
}

/// <summary>
/// What other services need of a commitment, as the sheet holds it. Assessment values keep OGP's raw text:
/// <c>NA</c>, <c>ND</c> (no data under that methodology) and <c>NR</c> (not yet reviewed) are states, not blanks.
/// </summary>
public sealed record CommitmentSnapshot
{
    public required string Title { get; init; }
    public string? ShortTitle { get; init; }
    public string? FullText { get; init; }
    public string? Theme { get; init; }
    public string? LeadInstitution { get; init; }
    public string? SupportingInstitutions { get; init; }
    public string? MemberName { get; init; }
    public string? Region { get; init; }
    public int? ActionPlanNumber { get; init; }
    public int? SubmissionYear { get; init; }
    public int? EndYear { get; init; }
    /// <summary>OGP's policy-area flags that are set, by their sheet names (e.g. <c>Open Contracting</c>).</summary>
    public IReadOnlyList<string> PolicyAreas { get; init; } = [];
    public string? PotentialImpact { get; init; }
    public string? PotentialForResults { get; init; }
    public string? CompletionProgressReport { get; init; }
    public string? CompletionEndOfTerm { get; init; }
    public string? EarlyResults { get; init; }
    public string? DidItOpenGovernment { get; init; }
    /// <summary>The commitment's page on OGP's site.</summary>
    public string? Url { get; init; }
}

/// <summary>One field of a commitment, before and after a change. <c>null</c> means the cell was empty.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A commitment's meaningful fields changed; housekeeping columns never cause this event.</summary>
public sealed record CommitmentChanged
{
    public required string CommitmentId { get; init; }
    public required string ActionPlanId { get; init; }
    public required string MemberCode { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<FieldChange> Changes { get; init; }
    /// <summary>The commitment's version after this change (1 is the version that was added).</summary>
    public int Version { get; init; }
    public Guid? ImportId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The commitment after the change (absent on events from before imports existed).</summary>
    public CommitmentSnapshot? Current { get; init; }
}

/// <summary>A commitment of an imported action plan was absent from the file: it is marked removed, not deleted.</summary>
public sealed record CommitmentRemoved
{
    public required string CommitmentId { get; init; }
    public required string ActionPlanId { get; init; }
    public required string MemberCode { get; init; }
    public Guid? ImportId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>An import finished (successfully or not), with its counts.</summary>
public sealed record ImportCompleted
{
    public required Guid ImportId { get; init; }
    /// <summary>File name or configured source name.</summary>
    public required string Source { get; init; }
    /// <summary><c>succeeded</c>, <c>failed</c> or <c>rejected</c>.</summary>
    public required string Status { get; init; }
    public int RowsRead { get; init; }
    public int Added { get; init; }
    public int Changed { get; init; }
    public int Unchanged { get; init; }
    public int Removed { get; init; }
    public int Rejected { get; init; }
    public IReadOnlyList<string> ActionPlanIds { get; init; } = [];
    public required DateTimeOffset OccurredAt { get; init; }
}
