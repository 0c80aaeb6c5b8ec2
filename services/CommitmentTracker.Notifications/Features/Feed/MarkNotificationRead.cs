using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Feed;

/// <summary><c>POST /api/notifications/{id}/read</c>: marks an item of the caller's own feed read.</summary>
internal static class MarkNotificationRead
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/notifications/{id:long}/read", HandleAsync)
            .WithName(nameof(MarkNotificationRead))
            .WithSummary("Mark a feed item as read")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> HandleAsync(
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
