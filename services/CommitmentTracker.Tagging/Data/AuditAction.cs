namespace CommitmentTracker.Tagging.Data;

/// <summary>Audit actions.</summary>
internal static class AuditAction
{
    public const string Suggested = "suggested";
    /// <summary>Suggested, but held out of the queue: its confidence is below the queue threshold.</summary>
    public const string Held = "held";
    public const string Resuggested = "resuggested";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Tagged = "tagged";
    public const string Confirmed = "confirmed";
    public const string Untagged = "untagged";
    public const string Superseded = "superseded";
    public const string TextChanged = "text-changed";
}
