using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.Contracts.Api;

/// <summary>Import a source configured by an admin (instead of uploading a file).</summary>
public sealed record StartSourceImportRequest
{
    /// <summary>The source's name under <c>Imports:Sources</c>.</summary>
    public string? Source { get; init; }
}

public sealed record ImportCounts(int RowsRead, int Added, int Changed, int Unchanged, int Removed, int Restored, int Rejected, int ActionPlansAdded);

/// <summary>A row the import rejected (the rest of the file was imported). <see cref="Row"/> is the spreadsheet row number (the header is row 1).</summary>
public sealed record ImportRowErrorResponse(int Row, string? Column, string? Value, string Reason);

/// <summary>
/// An import job. <see cref="Status"/>: <c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>rejected</c> (the file as a
/// whole was refused; nothing written) or <c>failed</c> (an unexpected error; nothing written).
/// </summary>
public sealed record ImportResponse
{
    public required Guid Id { get; init; }
    /// <summary>The uploaded file's name, or the configured source's name.</summary>
    public required string Source { get; init; }
    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public required string Format { get; init; }
    /// <summary><c>ogp-sheet</c> (OGP's 171-column commitment sheet) or <c>ogp-explorer</c> (the 10-column archival Explorer CSV).</summary>
    public string? Layout { get; init; }
    public bool DryRun { get; init; }
    public required string Status { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long FileBytes { get; init; }
    public required ImportCounts Counts { get; init; }
    /// <summary>Why a rejected or failed import wrote nothing.</summary>
    public string? Error { get; init; }
    /// <summary>Columns the file had that the sheet's definition does not; kept, not fatal.</summary>
    public IReadOnlyList<string> UnknownColumns { get; init; } = [];
    /// <summary>The action plans in the file: the import's scope for removals.</summary>
    public IReadOnlyList<string> ActionPlanIds { get; init; } = [];
    public int ErrorCount { get; init; }
    /// <summary>The first row errors; all of them at <c>/api/imports/{id}/errors</c>.</summary>
    public IReadOnlyList<ImportRowErrorResponse> Errors { get; init; } = [];
    /// <summary>
    /// The rows the file holds, for progress (<c>Counts.RowsRead</c> of this): known up front for an import that applies
    /// a dry run (the dry run's rows read) and for every succeeded import; null while unknown.
    /// </summary>
    public int? RowsTotal { get; init; }
    /// <summary>The dry run this import applies (<c>POST /api/imports/{id}/apply</c>), if any.</summary>
    public Guid? DryRunId { get; init; }
    /// <summary>For a dry run: the import that applies it (queued, running or succeeded), if any.</summary>
    public Guid? AppliedById { get; init; }
    /// <summary>For a succeeded dry run not yet applied: until when its file is kept, so it can be applied without uploading it again.</summary>
    public DateTimeOffset? FileKeptUntil { get; init; }
}

/// <summary>One entry of an import's diff: <c>plan-added</c>, <c>added</c>, <c>changed</c>, <c>removed</c> or <c>restored</c>.</summary>
public sealed record ImportChangeResponse(string Kind, string? CommitmentId, string ActionPlanId, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// A configured source and its last scheduled or requested pull. <see cref="Url"/> omits the query string (it may hold a
/// token). <see cref="LastOutcome"/>: <c>imported</c>, <c>not-modified</c>, or why the pull failed.
/// </summary>
public sealed record ImportSourceResponse(
    string Name,
    string Url,
    TimeSpan? Interval,
    DateTimeOffset? LastCheckedAt,
    string? LastOutcome,
    DateTimeOffset? NextDueAt,
    Guid? LastImportId);
