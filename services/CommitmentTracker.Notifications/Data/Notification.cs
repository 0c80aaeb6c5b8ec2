using CommitmentTracker.Persistence;

namespace CommitmentTracker.Notifications.Data;

/// <summary>
/// One notification of one event for one subscription on one channel: a feed item, or an email or webhook delivery
/// with its state. (MessageId, SubscriptionId, Channel) is unique, so no redelivery makes a second one.
/// </summary>
internal sealed class Notification : ILeasedRow
{
    public long Id { get; set; }

    /// <summary>The event's message id; for a digest or a test, an id of its own.</summary>
    public Guid MessageId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Subscription? Subscription { get; set; }
    public required string Channel { get; set; }
    public required string Kind { get; set; }
    public string? MemberCode { get; set; }

    /// <summary>JSON of <c>NotificationContent</c>, or of <c>DigestContent</c> for a digest.</summary>
    public required string Payload { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public Guid? LockToken { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>The digest delivery that took this queued item.</summary>
    public long? DigestId { get; set; }
}
