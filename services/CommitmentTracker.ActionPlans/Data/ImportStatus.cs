namespace CommitmentTracker.ActionPlans.Data;

/// <summary>The states of an <see cref="ImportJob"/>: <c>queued</c> → <c>running</c> → one of the three ends.</summary>
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
