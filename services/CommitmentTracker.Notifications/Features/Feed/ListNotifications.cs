using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Feed;

/// <summary><c>GET /api/notifications?unread=&amp;page=&amp;pageSize=</c>: the caller's own in-app feed.</summary>
internal static class ListNotifications
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/notifications", HandleAsync)
            .WithName(nameof(ListNotifications))
            .WithSummary("The caller's in-app feed, newest first; unread=true for unread items only")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<NotificationResponse>>, ValidationProblem>> HandleAsync(
        ClaimsPrincipal user, NotificationsDb db, bool? unread, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var owner = Caller.From(user).Id;
        var query = db.Notifications.AsNoTracking().Where(n => n.Channel == Channels.Feed && n.Subscription!.Owner == owner);
        if (unread is true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(n => n.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<NotificationResponse>([.. items.Select(n => n.ToFeedResponse())], paging.Page, paging.PageSize, total));
    }
}
