using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.Contracts.Api;

/// <summary>
/// A cell of OGP's sheet: its raw text and its state, one of <c>value</c>, <c>empty</c>, <c>NA</c> (not applicable),
/// <c>ND</c> (no data under that methodology) or <c>NR</c> (not yet reviewed).
/// </summary>
public sealed record SheetValue(string? Raw, string State);

/// <summary>A date as the sheet wrote it, and the date it means when it can be read (<c>day</c>, <c>month</c>, <c>quarter</c> or <c>year</c> precision).</summary>
public sealed record SheetDate(string? Raw, DateOnly? Date, string? Precision);

/// <summary>An IRM assessment: its text value and, where OGP has one, its <c>_</c>-prefixed numeric twin.</summary>
public sealed record IrmAssessmentResponse(string Name, SheetValue Value, string? NumericColumn, SheetValue? Numeric);

/// <summary>A commitment in a list. <c>Completion</c> is the latest IRM completion (end of term when assessed, else the progress report's, else its state), lower case.</summary>
public sealed record CommitmentSummaryResponse(
    string Id,
    string ActionPlanId,
    string MemberCode,
    string MemberName,
    string Title,
    string? ShortTitle,
    string? LeadInstitution,
    string? Completion,
    IReadOnlyList<string> PolicyAreas,
    bool Removed,
    int Version,
    DateTimeOffset UpdatedAt);

/// <summary>A commitment with every column of the sheet, structured.</summary>
public sealed record CommitmentResponse
{
    public required string Id { get; init; }
    /// <summary>OGP's numeric record id (the sheet's <c>id</c> column).</summary>
    public int? OgpId { get; init; }
    public required string ActionPlanId { get; init; }
    public required string MemberCode { get; init; }
    public required string MemberName { get; init; }
    public string? Region { get; init; }
    public string? CommitmentNumber { get; init; }
    public string? Theme { get; init; }
    public required string Title { get; init; }
    public string? ShortTitle { get; init; }
    public string? FullText { get; init; }
    public string? LeadInstitution { get; init; }
    public string? SupportingInstitutions { get; init; }
    public required SheetDate StartDate { get; init; }
    public required SheetDate EndDate { get; init; }
    /// <summary>Policy areas flagged 1, by their sheet names.</summary>
    public IReadOnlyList<string> PolicyAreas { get; init; } = [];
    /// <summary>Every policy-area cell that is not a plain 0 or 1 (e.g. <c>ND</c>), by sheet name.</summary>
    public IReadOnlyDictionary<string, SheetValue> PolicyAreaStates { get; init; } = new Dictionary<string, SheetValue>();
    /// <summary>The four OGP values, by sheet name.</summary>
    public IReadOnlyDictionary<string, SheetValue> OgpValues { get; init; } = new Dictionary<string, SheetValue>();
    /// <summary>Every IRM column, text values paired with their numeric twins.</summary>
    public IReadOnlyList<IrmAssessmentResponse> Irm { get; init; } = [];
    /// <summary>Ids of the commitments clustered with this one (empty when the cell is a state such as <c>NA</c>).</summary>
    public IReadOnlyList<string> ClusterCommitmentIds { get; init; } = [];
    public required SheetValue CarriedForward { get; init; }
    public string? Url { get; init; }
    /// <summary>Derived and housekeeping columns: stored and exported, never a change.</summary>
    public IReadOnlyDictionary<string, string?> Housekeeping { get; init; } = new Dictionary<string, string?>();
    /// <summary>Columns the file had that the sheet's definition does not: kept as they came.</summary>
    public IReadOnlyDictionary<string, string?> ExtraColumns { get; init; } = new Dictionary<string, string?>();
    public bool Removed { get; init; }
    public DateTimeOffset? RemovedAt { get; init; }
    public int Version { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public Guid? LastImportId { get; init; }
    /// <summary>The commitment of an earlier plan of the member whose reform this one continues (a <c>linked</c> link), if any.</summary>
    public LinkedCommitmentResponse? Predecessor { get; init; }
    /// <summary>The commitment of a later plan that continues this one's reform (a <c>linked</c> link; the most similar when a reform split), if any.</summary>
    public LinkedCommitmentResponse? Successor { get; init; }
}

/// <summary>One version of a commitment: <c>added</c>, <c>changed</c>, <c>removed</c> or <c>restored</c>, with the fields that changed.</summary>
public sealed record CommitmentVersionResponse(int Version, string Kind, Guid? ImportId, DateTimeOffset At, IReadOnlyList<FieldChange> Changes);
