namespace CommitmentTracker.Tagging.Data;

/// <summary>Audit actions.</summary>
internal static class AuditAction
{
    public const string Suggested = "suggested";
    public const string Resuggested = "resuggested";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Tagged = "tagged";
    public const string Confirmed = "confirmed";
    public const string Untagged = "untagged";
    public const string Superseded = "superseded";
    public const string TextChanged = "text-changed";
}
