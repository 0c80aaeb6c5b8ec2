namespace CommitmentTracker.Notifications.Data;

/// <summary>A tag Notifications has seen in an event: subscriptions may only name known tags.</summary>
internal sealed class KnownTag
{
    public required string Id { get; set; }
}
