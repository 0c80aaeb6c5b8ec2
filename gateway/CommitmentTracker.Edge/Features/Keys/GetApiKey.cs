using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Edge.Features.Keys;

/// <summary><c>GET /api/keys/{id}</c>: one issued key.</summary>
internal static class GetApiKey
{
    public static void Map(RouteGroupBuilder keys) =>
        keys.MapGet("/{id}", HandleAsync)
            .WithName(nameof(GetApiKey))
            .WithSummary("Get one API key")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> HandleAsync(string id, ApiKeyDb db, CancellationToken cancellationToken)
    {
        var key = await db.Keys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is null ? ApiKeyProblems.NotFound(id) : TypedResults.Ok(key.ToResponse());
    }
}
