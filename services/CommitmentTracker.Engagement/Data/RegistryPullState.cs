namespace CommitmentTracker.Engagement.Data;

/// <summary>The scheduled pull of the registry: when it is next due (claimed atomically, so one instance pulls), its validators and last outcome.</summary>
internal sealed class RegistryPullState
{
    public const string RegistryName = "ocp-registry";

    public required string Name { get; set; }
    public DateTime NextDueAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    /// <summary><see cref="Imported"/>, <see cref="NotModified"/> or <see cref="Rejected"/>; <see cref="LastOutcome"/> has the words.</summary>
    public string? LastResult { get; set; }
    public string? LastOutcome { get; set; }

    public const string Imported = "imported";
    public const string NotModified = "not-modified";
    public const string Rejected = "rejected";
}
