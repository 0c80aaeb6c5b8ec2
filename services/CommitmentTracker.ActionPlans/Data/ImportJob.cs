namespace CommitmentTracker.ActionPlans.Data;

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
    /// <summary>The process that claimed the job (<see cref="Imports.ImportRunner.RunnerId"/>); kept after it ends, to say who ran it.</summary>
    public string? RunnerId { get; set; }
    /// <summary>
    /// Until when a running job belongs to <see cref="RunnerId"/>: its runner renews it while it works. A running job
    /// whose lease has passed is taken by another instance (its runner died); null once the job has ended.
    /// </summary>
    public DateTime? LeaseExpiresAt { get; set; }
    /// <summary>The configured source this import pulls (<c>Imports:Sources</c>), or null for an upload.</summary>
    public string? SourceName { get; set; }
    /// <summary>
    /// Where the file waits until it is imported (deleted afterwards; a succeeded dry run's is kept for
    /// <see cref="Imports.ImportOptions.DryRunFileRetention"/> or until applied); empty when there is none (not yet
    /// downloaded, or gone).
    /// </summary>
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
    /// <summary>Every row error counted; only the first <see cref="Imports.ImportOptions.MaxStoredRowErrors"/> are stored.</summary>
    public int ErrorCount { get; set; }
    /// <summary>The rows the file holds, when known before reading it: an import that applies a dry run has its count.</summary>
    public int? RowsTotal { get; set; }
    /// <summary>The dry run this import applies (<c>POST /api/imports/{id}/apply</c>), reading the dry run's kept file.</summary>
    public Guid? DryRunId { get; set; }
}
