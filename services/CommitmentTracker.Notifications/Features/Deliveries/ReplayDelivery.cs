using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Deliveries;

/// <summary><c>POST /api/deliveries/{id}/replay</c> (admins): sends a delivery again, whatever its state.</summary>
internal static class ReplayDelivery
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/deliveries/{id:long}/replay", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ReplayDelivery))
            .WithSummary("Send a delivery again (admins), whatever its state")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> HandleAsync(
        long id, NotificationsDb db, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var delivery = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.Channel != Channels.Feed, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Delivery not found.", detail: $"There is no delivery {id}.");
        }

        if (delivery.Status is DeliveryStatus.Queued or DeliveryStatus.Digested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The delivery goes out in a digest.",
                detail: delivery.DigestId is { } digest ? $"Replay digest delivery {digest} instead." : "It waits for its subscription's next digest.");
        }

        if (delivery.LockedUntil > time.GetUtcNow().UtcDateTime && delivery.LockToken is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The delivery is being sent right now.", detail: "Look at it again in a moment.");
        }

        delivery.Status = DeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        delivery.LastError = null;
        delivery.LockToken = null;
        delivery.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return TypedResults.Accepted($"/api/deliveries?subscription={delivery.SubscriptionId}", delivery.ToDeliveryResponse());
    }
}
