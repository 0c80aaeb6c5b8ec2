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

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(string id, ApiKeyDb db, ApiKeyCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.Keys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return ApiKeyProblems.NotFound(id);
        }

        // Revoking twice keeps the first time. The revocation counter moves in the same transaction, so every process
        // that caches keys drops them on its next request; this process drops them now.
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await db.Generations.Where(g => g.Id == KeyStoreGeneration.SingleId)
                .ExecuteUpdateAsync(g => g.SetProperty(x => x.Revocations, x => x.Revocations + 1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        cache.Clear();
        return TypedResults.NoContent();
    }
}
