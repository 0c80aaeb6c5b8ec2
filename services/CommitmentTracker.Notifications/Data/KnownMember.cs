namespace CommitmentTracker.Notifications.Data;

/// <summary>A member Notifications has seen in an event: subscriptions may only name known members.</summary>
internal sealed class KnownMember
{
    public required string Code { get; set; }
    public string? Name { get; set; }
}
