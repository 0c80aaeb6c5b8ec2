using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Deliveries;

/// <summary><c>GET /api/deliveries?status=&amp;channel=&amp;subscription=</c>: the caller's email and webhook deliveries (an admin's: all).</summary>
internal static class ListDeliveries
{
    private static readonly string[] Statuses =
        [DeliveryStatus.Queued, DeliveryStatus.Digested, DeliveryStatus.Pending, DeliveryStatus.Sent, DeliveryStatus.Failed, DeliveryStatus.Dead];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/deliveries", HandleAsync)
            .WithName(nameof(ListDeliveries))
            .WithSummary("The email and webhook deliveries of the caller's subscriptions (an admin's: all), newest first")
            .WithDescription("Filter by status (queued, digested, pending, sent, failed, dead), channel (email, webhook) and subscription id.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<DeliveryResponse>>, ValidationProblem>> HandleAsync(
        ClaimsPrincipal user, NotificationsDb db, string? status, string? channel, Guid? subscription, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        // Filters are trimmed and lower-cased before they are checked, so they stay here rather than in attributes.
        var wantedStatus = status?.Trim().ToLowerInvariant();
        var wantedChannel = channel?.Trim().ToLowerInvariant();
        if (wantedStatus is not null && !Statuses.Contains(wantedStatus))
        {
            errors["status"] = [$"status is one of {string.Join(", ", Statuses)}."];
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
}
