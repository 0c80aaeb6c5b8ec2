using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary>
/// <c>POST /api/unsubscribe?token=</c>: switches off the subscription of an unsubscribe token, without logging in (the
/// signed token is the credential): the page's button, or a mail client's RFC 8058 one-click.
/// </summary>
internal static class Unsubscribe
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/unsubscribe", HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName(nameof(Unsubscribe))
            .WithSummary("Switch off the subscription of an unsubscribe token (no login: the token is the credential)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Security = [];
                return Task.CompletedTask;
            });

    internal static async Task<Results<Ok<UnsubscribeResponse>, ProblemHttpResult>> HandleAsync(string? token, UnsubscribeTokens tokens, NotificationsDb db, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(token, out var subscriptionId))
        {
            return Responses.InvalidUnsubscribeToken();
        }

        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found.", detail: "The subscription of this link was deleted.");
        }

        subscription.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new UnsubscribeResponse(subscription.Id, subscription.Name, subscription.Active));
    }
}
