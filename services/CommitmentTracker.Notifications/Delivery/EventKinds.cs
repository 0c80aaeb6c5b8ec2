namespace CommitmentTracker.Notifications.Delivery;

/// <summary>The kinds of change a subscription can ask for.</summary>
internal static class EventKinds
{
    public const string CommitmentAdded = "commitment-added";
    public const string CommitmentChanged = "commitment-changed";
    public const string CommitmentRemoved = "commitment-removed";
    public const string ActionPlanImported = "action-plan-imported";
    public const string TagProposed = "tag-proposed";
    public const string TagConfirmed = "tag-confirmed";
    public const string TagRemoved = "tag-removed";
    public const string EngagementCategoryChanged = "engagement-category-changed";
    public const string EngagementDip = "engagement-dip";

    /// <summary>Not a subscribable kind: a sample sent by <c>POST /api/subscriptions/{id}/test</c>.</summary>
    public const string Test = "test";

    /// <summary>Not a subscribable kind: a digest of queued changes.</summary>
    public const string Digest = "digest";

    public static readonly IReadOnlyList<string> All =
    [
        CommitmentAdded, CommitmentChanged, CommitmentRemoved, ActionPlanImported, TagProposed, TagConfirmed, TagRemoved,
        EngagementCategoryChanged, EngagementDip,
    ];
}

internal static class Channels
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const string Feed = "feed";

    public static readonly IReadOnlyList<string> All = [Email, Webhook, Feed];
}

/// <summary>How often a subscription hears; which values a request may give is the request records' rule (contracts/).</summary>
internal static class Frequencies
{
    public const string Immediate = "immediate";
    public const string Daily = "daily";
    public const string Weekly = "weekly";
}

/// <summary>States of a <see cref="Data.Notification"/>.</summary>
internal static class DeliveryStatus
{
    /// <summary>Waits for its subscription's next digest.</summary>
    public const string Queued = "queued";
    /// <summary>Went out inside a digest (see <c>DigestId</c>).</summary>
    public const string Digested = "digested";
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Failed at least once; tried again at <c>NextAttemptAt</c>.</summary>
    public const string Failed = "failed";
    /// <summary>Every retry failed; only an admin's replay sends it again.</summary>
    public const string Dead = "dead";
    /// <summary>A feed item: delivered the moment it is stored.</summary>
    public const string InFeed = "in-feed";
}
