using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Feed;

/// <summary>
/// <c>POST /api/notifications/read</c>: "mark all read" in one statement. It takes the newest item the person has seen,
/// so an item that arrived while the page was open stays unread.
/// </summary>
internal static class MarkNotificationsRead
{
    private const string InvalidTitle = "The request to mark the feed read is not valid.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/notifications/read", HandleAsync)
            .WithName(nameof(MarkNotificationsRead))
            .WithSummary("Mark the caller's feed read up to the newest item seen")
            .WithDescription("Any caller, on its own feed. Marks read every unread item with an id up to upToId; answers how many it marked.")
            .WithValidationTitle(InvalidTitle)
            .ProducesValidationProblem();

    internal static async Task<Ok<MarkedNotificationsReadResponse>> HandleAsync(
        MarkNotificationsReadRequest request, ClaimsPrincipal user, NotificationsDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var owner = Caller.From(user).Id;
        var upTo = request.UpToId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications
            .Where(n => n.Id <= upTo && n.ReadAt == null && n.Channel == Channels.Feed && n.Subscription!.Owner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.Ok(new MarkedNotificationsReadResponse(marked));
    }
}
