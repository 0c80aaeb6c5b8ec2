using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Adds, in the consumer's unit of work, one notification per matching subscription and channel. The consumer saves
/// them with its inbox record, so an event is fanned out exactly once; the unique (MessageId, SubscriptionId, Channel)
/// key guards the same rule in the database.
/// </summary>
internal sealed class FanOut(TimeProvider time)
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public async Task<int> AddAsync(NotificationsDb db, Guid messageId, NotificationEvent notification, CancellationToken cancellationToken) =>
        Add(db, messageId, notification, await ActiveSubscriptionsAsync(db, cancellationToken));

    /// <summary>The subscriptions an event may fan out to: read once for a batch of events.</summary>
    public static Task<List<Subscription>> ActiveSubscriptionsAsync(NotificationsDb db, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(cancellationToken);

    public int Add(NotificationsDb db, Guid messageId, NotificationEvent notification, IReadOnlyList<Subscription> candidates)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(candidates);
        var now = time.GetUtcNow().UtcDateTime;
        // Serialised only for an event some subscription hears about: most events (an import's) match none.
        string? payload = null;
        var added = 0;
        foreach (var subscription in candidates.Where(s => Matches(s, notification)))
        {
            payload ??= JsonSerializer.Serialize(notification.Content, PayloadJson);
            foreach (var channel in subscription.Channels)
            {
                db.Notifications.Add(New(messageId, subscription.Id, channel, notification.Content.Kind, notification.MemberCode, payload, now,
                    forDigest: subscription.Frequency != Frequencies.Immediate));
                added++;
            }
        }

        return added;
    }

    /// <summary>
    /// One notification on one channel: a feed item is delivered the moment it is stored, an email or webhook is due
    /// now, or queued for the subscription's next digest when <paramref name="forDigest"/>.
    /// </summary>
    public static Notification New(Guid messageId, Guid subscriptionId, string channel, string kind, string? memberCode, string payload, DateTime now, bool forDigest)
    {
        var feed = channel == Channels.Feed;
        return new Notification
        {
            MessageId = messageId,
            SubscriptionId = subscriptionId,
            Channel = channel,
            Kind = kind,
            MemberCode = memberCode,
            Payload = payload,
            Status = feed ? DeliveryStatus.InFeed : forDigest ? DeliveryStatus.Queued : DeliveryStatus.Pending,
            NextAttemptAt = feed || forDigest ? null : now,
            CreatedAt = now,
            SentAt = feed ? now : null,
        };
    }

    /// <summary>
    /// Members and kinds narrow when listed. Tags narrow commitment events only: a commitment event matches when it
    /// concerns one of the tags; plan and engagement events belong to a member, not a tag, and pass on the member alone.
    /// </summary>
    internal static bool Matches(Subscription subscription, NotificationEvent notification)
    {
        if (subscription.Members.Count > 0 && (notification.MemberCode is null || !subscription.Members.Contains(notification.MemberCode, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (subscription.EventKinds.Count > 0 && !notification.Kinds.Any(subscription.EventKinds.Contains))
        {
            return false;
        }

        return subscription.Tags.Count == 0 || notification.CommitmentId is null || notification.Tags.Any(subscription.Tags.Contains);
    }

    public static NotificationContent? ContentOf(Notification notification) =>
        notification.Kind == EventKinds.Digest ? null : JsonSerializer.Deserialize<NotificationContent>(notification.Payload, PayloadJson);
}
