using CommitmentTracker.ServiceDefaults.Security;
using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Feed;

/// <summary><c>GET /api/notifications</c> and <c>POST /api/notifications/{id}/read</c>: the caller's own in-app feed.</summary>
internal static class FeedEndpoints
{
    public static void MapFeed(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("The caller's in-app feed, newest first; unread=true for unread items only")
            .ProducesValidationProblem();
        api.MapPost("/notifications/{id:long}/read", MarkReadAsync)
            .WithName("MarkNotificationRead")
            .WithSummary("Mark a feed item as read")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<PagedResponse<NotificationResponse>>, ValidationProblem>> ListAsync(
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

    internal static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> MarkReadAsync(
        long id, ClaimsPrincipal user, NotificationsDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var owner = Caller.From(user).Id;
        var item = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.Channel == Channels.Feed && n.Subscription!.Owner == owner, cancellationToken);
        if (item is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notification not found.", detail: $"Your feed has no notification {id}.");
        }

        item.ReadAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(item.ToFeedResponse());
    }
}
