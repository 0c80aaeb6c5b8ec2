using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Edge.Features.Keys;

/// <summary><c>GET /api/keys</c>: issued keys, newest first, never their secrets.</summary>
internal static class ListApiKeys
{
    public static void Map(RouteGroupBuilder keys) =>
        keys.MapGet(string.Empty, HandleAsync)
            .WithName(nameof(ListApiKeys))
            .WithSummary("List API keys, newest first (never their secrets)")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<ApiKeyResponse>>, ValidationProblem>> HandleAsync(ApiKeyDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var total = await db.Keys.CountAsync(cancellationToken);
        var keys = await db.Keys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ApiKeyResponse>([.. keys.Select(k => k.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
