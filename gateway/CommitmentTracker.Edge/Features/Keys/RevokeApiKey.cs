using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Edge.Features.Keys;

/// <summary><c>DELETE /api/keys/{id}</c>: revoked from the next request; the key stays listed with <c>revokedAt</c>.</summary>
internal static class RevokeApiKey
{
    public static void Map(RouteGroupBuilder keys) =>
        keys.MapDelete("/{id}", HandleAsync)
            .WithName(nameof(RevokeApiKey))
            .WithSummary("Revoke an API key")
            .WithDescription("Effective from the next request. The key stays listed, with revokedAt.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(string id, ApiKeyDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.Keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return ApiKeyProblems.NotFound(id);
        }

        // Revoking twice keeps the first time.
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
