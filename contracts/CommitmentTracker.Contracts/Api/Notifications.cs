using System.ComponentModel.DataAnnotations;

namespace CommitmentTracker.Contracts.Api;

/// <summary>
/// A new subscription. <c>members</c>, <c>tags</c> and <c>eventKinds</c> narrow what is sent (empty: no narrowing by
/// that criterion; a country lead must name members within its scope). <c>channels</c> holds one or more of
/// <c>email</c>, <c>webhook</c>, <c>feed</c>. <c>frequency</c> is <c>immediate</c> (default), <c>daily</c> or
/// <c>weekly</c>; digests go out at <c>digestHour</c> (0–23) in the IANA <c>timeZone</c>, weekly ones on <c>digestDay</c>.
/// </summary>
public sealed record CreateSubscriptionRequest(
    [property: MaxLength(SubscriptionFields.NameLength, ErrorMessage = SubscriptionFields.NameMessage)] string? Name,
    IReadOnlyList<string>? Members,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? EventKinds,
    IReadOnlyList<string>? Channels,
    string? Email,
    string? WebhookUrl,
    [property: MinLength(1, ErrorMessage = SubscriptionFields.FrequencyMessage)]
    [property: RegularExpression(SubscriptionFields.FrequencyPattern, ErrorMessage = SubscriptionFields.FrequencyMessage)]
    string? Frequency,
    int? DigestHour,
    string? DigestDay,
    string? TimeZone);

/// <summary>Changes to a subscription: only the fields present change. <c>webhookEnabled: true</c> re-enables a webhook disabled after repeated failures.</summary>
public sealed record UpdateSubscriptionRequest(
    [property: MaxLength(SubscriptionFields.NameLength, ErrorMessage = SubscriptionFields.NameMessage)] string? Name,
    IReadOnlyList<string>? Members,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? EventKinds,
    IReadOnlyList<string>? Channels,
    string? Email,
    string? WebhookUrl,
    [property: MinLength(1, ErrorMessage = SubscriptionFields.FrequencyMessage)]
    [property: RegularExpression(SubscriptionFields.FrequencyPattern, ErrorMessage = SubscriptionFields.FrequencyMessage)]
    string? Frequency,
    int? DigestHour,
    string? DigestDay,
    string? TimeZone,
    bool? Active,
    bool? WebhookEnabled);

/// <summary>
/// The rules of a subscription's single fields, as the request records declare them. The rules that need the database
/// or several fields together (channels and their addresses, members, tags, kinds, the digest schedule) are the
/// service's.
/// </summary>
internal static class SubscriptionFields
{
    public const int NameLength = 200;
    public const string NameMessage = "name is at most 200 characters.";

    /// <summary>
    /// <c>immediate</c>, <c>daily</c> or <c>weekly</c>, in any case, spaces around allowed. A pattern lets an empty string
    /// through, so the records add a minimum length of 1 with the same message.
    /// </summary>
    public const string FrequencyPattern = @"^\s*(?i:immediate|daily|weekly)\s*$";
    public const string FrequencyMessage = "frequency is immediate, daily or weekly.";
}

/// <summary>A subscription, never with its webhook secret.</summary>
public sealed record SubscriptionResponse(
    Guid Id,
    string Owner,
    string? Name,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> EventKinds,
    IReadOnlyList<string> Channels,
    string? Email,
    string? WebhookUrl,
    string Frequency,
    int? DigestHour,
    string? DigestDay,
    string? TimeZone,
    bool Active,
    bool WebhookEnabled,
    int WebhookConsecutiveFailures,
    DateTimeOffset? NextDigestAt,
    DateTimeOffset CreatedAt);

/// <summary>
/// A subscription just created or changed and, when that gave it a webhook signing secret, the secret: shown here once
/// and nowhere else (null otherwise).
/// </summary>
public sealed record SubscriptionWithSecretResponse(SubscriptionResponse Subscription, string? WebhookSecret);

/// <summary>One field of a commitment before and after a change.</summary>
public sealed record NotificationChange(string Field, string? Before, string? After);

/// <summary>What happened, as every channel tells it: the in-app feed, a webhook body, an email.</summary>
public sealed record NotificationContent(
    string Kind,
    string? MemberCode,
    string? MemberName,
    string? CommitmentId,
    string? ActionPlanId,
    string? Title,
    string Summary,
    IReadOnlyList<NotificationChange> Changes,
    string? Tag,
    string? OgpUrl,
    string? TrackerUrl,
    DateTimeOffset OccurredAt);

/// <summary>The changes of one member in a digest.</summary>
public sealed record DigestMemberGroup(string MemberCode, string? MemberName, IReadOnlyList<NotificationContent> Changes);

/// <summary>A digest: every change of the period, grouped by member.</summary>
public sealed record DigestContent(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DigestMemberGroup> Members);

/// <summary>
/// The JSON body of a webhook call. <c>event</c> is set for one change (and for a test), <c>digest</c> for a digest.
/// The request carries <c>X-Tracker-Timestamp</c> (Unix seconds) and <c>X-Tracker-Signature: sha256=HEX</c>, the
/// HMAC-SHA256 of <c>timestamp + "." + body</c> with the subscription's secret.
/// </summary>
public sealed record WebhookBody(long DeliveryId, Guid EventId, Guid SubscriptionId, string Kind, NotificationContent? Event, DigestContent? Digest, DateTimeOffset SentAt);

/// <summary>An item of the caller's in-app feed.</summary>
public sealed record NotificationResponse(long Id, Guid SubscriptionId, NotificationContent Content, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>
/// Marks read every unread item of the caller's feed up to <c>upToId</c>, the newest item the person has seen (items that
/// arrived since stay unread).
/// </summary>
public sealed record MarkNotificationsReadRequest(
    [property: Required(ErrorMessage = MarkNotificationsReadRequest.UpToIdMessage), Range(1, long.MaxValue, ErrorMessage = MarkNotificationsReadRequest.UpToIdMessage)] long? UpToId)
{
    private const string UpToIdMessage = "upToId is required: the id of the newest feed item seen, 1 or more.";
}

/// <summary>How many feed items the request marked read (those read already are not counted).</summary>
public sealed record MarkedNotificationsReadResponse(int Marked);

/// <summary>One delivery by email or webhook: <c>status</c> is <c>queued</c> (waits for its digest), <c>digested</c>, <c>pending</c>, <c>sent</c>, <c>failed</c> (will be retried) or <c>dead</c> (gave up; an admin may replay it).</summary>
public sealed record DeliveryResponse(
    long Id,
    Guid EventId,
    Guid SubscriptionId,
    string Channel,
    string Kind,
    string? MemberCode,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

/// <summary>The deliveries a test of a subscription queued, one per channel.</summary>
public sealed record TestSubscriptionResponse(IReadOnlyList<DeliveryResponse> Deliveries);

/// <summary>The subscription an unsubscribe link switched off.</summary>
public sealed record UnsubscribeResponse(Guid SubscriptionId, string? Name, bool Active);
