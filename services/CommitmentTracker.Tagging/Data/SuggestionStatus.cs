namespace CommitmentTracker.Tagging.Data;

/// <summary>Suggestion states.</summary>
internal static class SuggestionStatus
{
    /// <summary>In the review queue.</summary>
    public const string Pending = "pending";
    /// <summary>Stored, not queued: its confidence is below <c>Tagging:QueueThreshold</c>. A liaison may still decide on it.</summary>
    public const string Held = "held";
    /// <summary>Accepted by one organisation for a tag that needs both.</summary>
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    /// <summary>The text changed and no rule matches it any more (or the commitment was removed).</summary>
    public const string Superseded = "superseded";

    public static readonly string[] All = [Pending, Held, Proposed, Accepted, Rejected, Superseded];

    /// <summary>Not decided yet: a liaison may accept or reject it (held ones included).</summary>
    public static bool IsOpen(string status) => status is Pending or Held or Proposed;
}
