using System.Security.Claims;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary><c>POST /api/subscriptions/{id}/test</c>: queues a sample notification on every channel of an active subscription.</summary>
internal static class TestSubscription
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/subscriptions/{id:guid}/test", HandleAsync)
            .WithName(nameof(TestSubscription))
            .WithSummary("Send a sample notification on every channel of a subscription")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Accepted<TestSubscriptionResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, NotificationsDb db, NotificationContentFactory contents, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Subscriptions.VisibleTo(Caller.From(user)).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return Responses.SubscriptionNotFound(id);
        }

        if (!subscription.Active)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The subscription is not active.", detail: "Activate it (PATCH active: true) to test it.");
        }

        var now = time.GetUtcNow();
        var member = subscription.Members.FirstOrDefault() ?? "BGR";
        var sample = new NotificationContent(
            EventKinds.Test, member, null, "BG0039", "AP_BGR05", "Introducing e-procurement",
            "A test of your subscription: this is what a commitment change looks like.",
            [new NotificationChange("IRM End of Term Completion", "Limited", "Substantial")], null,
            "https://www.opengovpartnership.org/members/bulgaria/commitments/BG0039/", contents.TrackerUrl("BG0039"), now);
        var payload = JsonSerializer.Serialize(sample, FanOut.PayloadJson);
        var messageId = Guid.CreateVersion7();
        var deliveries = subscription.Channels
            .Select(channel => FanOut.New(messageId, subscription.Id, channel, EventKinds.Test, member, payload, now.UtcDateTime, forDigest: false))
            .ToList();
        db.Notifications.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return TypedResults.Accepted($"/api/deliveries?subscription={subscription.Id}", new TestSubscriptionResponse([.. deliveries.Select(d => d.ToDeliveryResponse())]));
    }
}
