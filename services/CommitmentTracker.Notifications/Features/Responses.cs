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

/// <summary>Who is calling, as the subscription rules need it.</summary>
internal readonly record struct Caller(string Id, bool IsAdmin, bool IsCountryLead, IReadOnlySet<string> MemberScope)
{
    public static Caller Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.IsInRole(Roles.Admin),
        user.IsInRole(Roles.CountryLead),
        user.FindAll(TrackerClaims.Member).Select(c => c.Value.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal));

    /// <summary>A country lead (who is not also an admin) may only follow members of its scope.</summary>
    public bool IsScoped => IsCountryLead && !IsAdmin;

    public bool Sees(Subscription subscription) => IsAdmin || subscription.Owner == Id;
}
