using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Deliveries;

/// <summary><c>GET /api/deliveries</c> (the caller's; an admin's: all) and <c>POST /api/deliveries/{id}/replay</c> (admins).</summary>
internal static class DeliveriesEndpoints
{
    public static void MapDeliveries(this RouteGroupBuilder api)
    {
        api.MapGet("/deliveries", ListAsync)
            .WithName("ListDeliveries")
            .WithSummary("The email and webhook deliveries of the caller's subscriptions (an admin's: all), newest first")
            .WithDescription("Filter by status (queued, digested, pending, sent, failed, dead), channel (email, webhook) and subscription id.")
            .ProducesValidationProblem();
        api.MapPost("/deliveries/{id:long}/replay", ReplayAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("ReplayDelivery")
            .WithSummary("Send a delivery again (admins), whatever its state")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Ok<PagedResponse<DeliveryResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, NotificationsDb db, string? status, string? channel, Guid? subscription, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        string[] statuses = [DeliveryStatus.Queued, DeliveryStatus.Digested, DeliveryStatus.Pending, DeliveryStatus.Sent, DeliveryStatus.Failed, DeliveryStatus.Dead];
        var wantedStatus = status?.Trim().ToLowerInvariant();
        var wantedChannel = channel?.Trim().ToLowerInvariant();
        if (wantedStatus is not null && !statuses.Contains(wantedStatus))
        {
            errors["status"] = [$"status is one of {string.Join(", ", statuses)}."];
        }

        if (wantedChannel is not null && wantedChannel is not (Channels.Email or Channels.Webhook))
        {
            errors["channel"] = ["channel is email or webhook."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The filters are not valid.");
        }

        var caller = Caller.From(user);
        var query = db.Notifications.AsNoTracking().Where(n => n.Channel != Channels.Feed && (caller.IsAdmin || n.Subscription!.Owner == caller.Id));
        if (wantedStatus is not null)
        {
            query = query.Where(n => n.Status == wantedStatus);
        }

        if (wantedChannel is not null)
        {
            query = query.Where(n => n.Channel == wantedChannel);
        }

        if (subscription is { } subscriptionId)
        {
            query = query.Where(n => n.SubscriptionId == subscriptionId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(n => n.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<DeliveryResponse>([.. items.Select(n => n.ToDeliveryResponse())], paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> ReplayAsync(
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
