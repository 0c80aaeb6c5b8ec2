namespace CommitmentTracker.Tagging.Data;

/// <summary>Suggestion states.</summary>
internal static class SuggestionStatus
{
    public const string Pending = "pending";
    /// <summary>Accepted by one organisation for a tag that needs both.</summary>
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    /// <summary>The text changed and no rule matches it any more (or the commitment was removed).</summary>
    public const string Superseded = "superseded";

    public static readonly string[] All = [Pending, Proposed, Accepted, Rejected, Superseded];

    public static bool IsOpen(string status) => status is Pending or Proposed;
}
