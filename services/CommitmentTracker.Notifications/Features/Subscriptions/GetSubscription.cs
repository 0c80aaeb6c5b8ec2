using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary><c>GET /api/subscriptions/{id}</c>: one subscription the caller may see.</summary>
internal static class GetSubscription
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/subscriptions/{id:guid}", HandleAsync)
            .WithName(nameof(GetSubscription))
            .WithSummary("Show a subscription")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> HandleAsync(Guid id, ClaimsPrincipal user, NotificationsDb db, CancellationToken cancellationToken) =>
        await db.Subscriptions.VisibleTo(Caller.From(user)).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } subscription
            ? TypedResults.Ok(subscription.ToResponse())
            : Responses.SubscriptionNotFound(id);
}
