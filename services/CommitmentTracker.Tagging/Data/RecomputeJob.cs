using CommitmentTracker.Persistence;

namespace CommitmentTracker.Tagging.Data;

/// <summary>
/// An admin's recomputation of the suggestions over every stored commitment, worked through in batches by whichever
/// instance holds its lease; <see cref="LastCommitmentId"/> is where the next batch starts, so a job another instance
/// left half done resumes there.
/// </summary>
internal sealed class RecomputeJob : ILeasedRow
{
    public long Id { get; set; }
    /// <summary><see cref="RecomputeStatus"/>.</summary>
    public required string Status { get; set; }
    /// <summary>1 while queued or running: a unique index allows one unfinished job, whoever starts it.</summary>
    public bool IsActive { get; set; } = true;
    public string? RequestedBy { get; set; }
    public string? Reason { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int Total { get; set; }
    public int Processed { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Superseded { get; set; }
    public string? LastCommitmentId { get; set; }
    public string? Error { get; set; }
    public Guid? LockToken { get; set; }
    public DateTime? LockedUntil { get; set; }
    public int Attempts { get; set; }
}
