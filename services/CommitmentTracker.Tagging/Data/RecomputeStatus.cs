namespace CommitmentTracker.Tagging.Data;

/// <summary>States of a <see cref="RecomputeJob"/>.</summary>
internal static class RecomputeStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
