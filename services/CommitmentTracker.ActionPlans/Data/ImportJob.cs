namespace CommitmentTracker.ActionPlans.Data;

internal static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    /// <summary>The file as a whole was refused (format, header, duplicate ids): nothing was written.</summary>
    public const string Rejected = "rejected";
    /// <summary>An unexpected error: nothing was written.</summary>
    public const string Failed = "failed";
}

/// <summary>An import of one file: queued by an upload or a source pull, run by the import worker.</summary>
internal sealed class ImportJob
{
    public Guid Id { get; set; }
    public required string Source { get; set; }
    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public required string Format { get; set; }
    public string? Layout { get; set; }
    public bool DryRun { get; set; }
    public required string Status { get; set; }
    public string? RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>The configured source this import pulls (<c>Imports:Sources</c>), or null for an upload.</summary>
    public string? SourceName { get; set; }
    /// <summary>Where the file waits until it is imported (deleted afterwards); empty until a source's file is downloaded.</summary>
    public required string FilePath { get; set; }
    public long FileBytes { get; set; }
    public int RowsRead { get; set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
    public int Removed { get; set; }
    public int Restored { get; set; }
    public int Rejected { get; set; }
    public int ActionPlansAdded { get; set; }
    public string? Error { get; set; }
    /// <summary>JSON array of column names.</summary>
    public string? UnknownColumns { get; set; }
    /// <summary>JSON array of the action plan ids in the file.</summary>
    public string? ActionPlanIds { get; set; }
    /// <summary>Every row error counted; only the first <see cref="Features.Imports.ImportOptions.MaxStoredRowErrors"/> are stored.</summary>
    public int ErrorCount { get; set; }
}

/// <summary>A rejected row: where, which column, what value, why.</summary>
internal sealed class ImportRowError
{
    public long Id { get; set; }
    public Guid ImportId { get; set; }
    public int Row { get; set; }
    public string? Column { get; set; }
    public string? Value { get; set; }
    public required string Reason { get; set; }
}

/// <summary>A dry run's diff entry (a real import's diff is the commitments' history).</summary>
internal sealed class ImportDiffEntry
{
    public long Id { get; set; }
    public Guid ImportId { get; set; }
    public required string Kind { get; set; }
    public string? CommitmentId { get; set; }
    public required string ActionPlanId { get; set; }
    public string? Changes { get; set; }
}

/// <summary>The state of a configured source's scheduled pull: its validators for conditional GET and when it is next due.</summary>
internal sealed class ImportSourceState
{
    public required string Name { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTime NextDueAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }
    /// <summary>What the last pull did, e.g. <c>imported</c>, <c>not-modified</c>, or the error.</summary>
    public string? LastOutcome { get; set; }
    public Guid? LastImportId { get; set; }
}
