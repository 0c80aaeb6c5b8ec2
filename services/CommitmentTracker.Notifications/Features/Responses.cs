using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Notifications.Features;

internal static class Responses
{
    public static SubscriptionResponse ToResponse(this Subscription s) => new(
        s.Id, s.Owner, s.Name, s.Members, s.Tags, s.EventKinds, s.Channels, s.Email, s.WebhookUrl, s.Frequency, s.DigestHour,
        s.DigestDay?.ToString().ToLowerInvariant(), s.TimeZone, s.Active, s.WebhookDisabledAt is null, s.WebhookConsecutiveFailures,
        s.NextDigestAt.AsUtc(), s.CreatedAt.AsUtc());

    public static DeliveryResponse ToDeliveryResponse(this Notification n) => new(
        n.Id, n.MessageId, n.SubscriptionId, n.Channel, n.Kind, n.MemberCode, n.Status, n.Attempts, n.NextAttemptAt.AsUtc(), n.LastError,
        n.CreatedAt.AsUtc(), n.SentAt.AsUtc());

    public static NotificationResponse ToFeedResponse(this Notification n) => new(
        n.Id, n.SubscriptionId, FanOut.ContentOf(n)!, n.CreatedAt.AsUtc(), n.ReadAt.AsUtc());
}
