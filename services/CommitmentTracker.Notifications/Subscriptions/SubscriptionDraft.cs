namespace CommitmentTracker.Notifications.Subscriptions;

/// <summary>The fields of a subscription as requested (a create, or a stored subscription with a PATCH applied).</summary>
internal sealed record SubscriptionDraft(
    string? Name, IReadOnlyList<string> Members, IReadOnlyList<string> Tags, IReadOnlyList<string> EventKinds, IReadOnlyList<string> Channels,
    string? Email, string? WebhookUrl, string Frequency, int? DigestHour, string? DigestDay, string? TimeZone);
