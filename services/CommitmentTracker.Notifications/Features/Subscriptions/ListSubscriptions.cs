using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Subscriptions;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Features.Subscriptions;

/// <summary><c>GET /api/subscriptions</c>: the caller's subscriptions (an admin's: every one), newest first.</summary>
internal static class ListSubscriptions
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/subscriptions", HandleAsync)
            .WithName(nameof(ListSubscriptions))
            .WithSummary("List the caller's subscriptions (an admin's: every subscription)")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<SubscriptionResponse>>, ValidationProblem>> HandleAsync(
        ClaimsPrincipal user, NotificationsDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var query = db.Subscriptions.AsNoTracking().VisibleTo(Caller.From(user));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<SubscriptionResponse>([.. items.Select(s => s.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
