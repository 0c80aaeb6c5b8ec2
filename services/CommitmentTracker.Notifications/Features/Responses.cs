using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Notifications.Features;

/// <summary>The one place entities become API responses, and the problems several endpoints answer.</summary>
internal static class Responses
{
    /// <summary>The title of a subscription's validation problems, whether the attributes or <c>SubscriptionRules</c> found them.</summary>
    public const string SubscriptionNotValid = "The subscription is not valid.";

    public static SubscriptionResponse ToResponse(this Subscription s) => new(
        s.Id, s.Owner, s.Name, s.Members, s.Tags, s.EventKinds, s.Channels, s.Email, s.WebhookUrl, s.Frequency, s.DigestHour,
        s.DigestDay?.ToString().ToLowerInvariant(), s.TimeZone, s.Active, s.WebhookDisabledAt is null, s.WebhookConsecutiveFailures,
        s.NextDigestAt.AsUtc(), s.CreatedAt.AsUtc());

    public static ActivityEntryResponse ToResponse(this ActivityEntry e) => new(
        e.Id, e.MessageId, e.Kind, e.MemberCode, e.Summary, e.OccurredAt.AsUtc(), e.ReceivedAt.AsUtc(), e.CorrelationId, e.TraceId);

    public static DeliveryResponse ToDeliveryResponse(this Notification n) => new(
        n.Id, n.MessageId, n.SubscriptionId, n.Channel, n.Kind, n.MemberCode, n.Status, n.Attempts, n.NextAttemptAt.AsUtc(), n.LastError,
        n.CreatedAt.AsUtc(), n.SentAt.AsUtc());

    public static NotificationResponse ToFeedResponse(this Notification n) => new(
        n.Id, n.SubscriptionId, FanOut.ContentOf(n)!, n.CreatedAt.AsUtc(), n.ReadAt.AsUtc());

    /// <summary>Someone else's subscription is a 404 too, as if it did not exist.</summary>
    public static ProblemHttpResult SubscriptionNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found.", detail: $"You have no subscription {id}.");

    public static ValidationProblem InvalidSubscription(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: SubscriptionNotValid);

    public static ProblemHttpResult InvalidUnsubscribeToken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The unsubscribe link is not valid.", detail: "Use the link of the email as it is.");
}
