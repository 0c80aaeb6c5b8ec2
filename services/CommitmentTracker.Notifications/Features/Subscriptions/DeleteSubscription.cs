using System.Security.Claims;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary><c>DELETE /api/subscriptions/{id}</c>: deletes a subscription and, with it, its deliveries.</summary>
internal static class DeleteSubscription
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/subscriptions/{id:guid}", HandleAsync)
            .WithName(nameof(DeleteSubscription))
            .WithSummary("Delete a subscription and its deliveries")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, NotificationsDb db, CancellationToken cancellationToken)
    {
        if (await db.Subscriptions.VisibleTo(Caller.From(user)).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return Responses.SubscriptionNotFound(id);
        }

        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
