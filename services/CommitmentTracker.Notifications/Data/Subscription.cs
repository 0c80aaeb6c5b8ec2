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
