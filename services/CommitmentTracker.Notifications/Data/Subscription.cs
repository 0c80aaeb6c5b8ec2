using CommitmentTracker.Persistence;
namespace CommitmentTracker.Notifications.Data;

/// <summary>What a caller (an API key or token subject) wants to hear about, and how.</summary>
internal sealed class Subscription
{
    public Guid Id { get; set; }

    /// <summary>The owner's key id or token subject (<c>ClaimTypes.NameIdentifier</c>).</summary>
    public required string Owner { get; set; }
    public string? Name { get; set; }

    /// <summary>Member codes; empty means every member.</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>Tag ids; empty means no tag narrowing.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Event kinds (<see cref="Delivery.EventKinds"/>); empty means every kind.</summary>
    public List<string> EventKinds { get; set; } = [];
    public List<string> Channels { get; set; } = [];
    public string? Email { get; set; }
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC key of webhook signatures, as <see cref="Delivery.WebhookSecretProtector"/> stores it (encrypted when a key is configured); shown to the owner only at creation.</summary>
    public string? WebhookSecret { get; set; }
    public required string Frequency { get; set; }
    public int? DigestHour { get; set; }
    public DayOfWeek? DigestDay { get; set; }
    public string? TimeZone { get; set; }
    public DateTime? NextDigestAt { get; set; }

    /// <summary>When the current digest period began (the previous digest, or the subscription's creation).</summary>
    public DateTime? DigestPeriodStart { get; set; }
    public bool Active { get; set; } = true;
    public int WebhookConsecutiveFailures { get; set; }
    public DateTime? WebhookDisabledAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

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

/// <summary>A member Notifications has seen in an event: subscriptions may only name known members.</summary>
internal sealed class KnownMember
{
    public required string Code { get; set; }
    public string? Name { get; set; }
}

/// <summary>A tag Notifications has seen in an event: subscriptions may only name known tags.</summary>
internal sealed class KnownTag
{
    public required string Id { get; set; }
}

/// <summary>The tags a commitment carries now, kept from tagging events so a commitment change matches tag subscriptions.</summary>
internal sealed class CommitmentTagProjection
{
    public required string CommitmentId { get; set; }
    public required string Tag { get; set; }
}
