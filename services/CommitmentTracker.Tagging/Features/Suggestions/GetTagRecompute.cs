using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary><c>GET /api/tag-suggestions/recompute/{id}</c>: a recomputation's progress (admins only).</summary>
internal static class GetTagRecompute
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tag-suggestions/recompute/{id:long}", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetTagRecompute))
            .WithSummary("A recomputation's progress")
            .WithDescription("Admins only. processed of total commitments, and the suggestions it added, updated and superseded so far.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TagRecomputeResponse>, ProblemHttpResult>> HandleAsync(long id, TaggingDb db, CancellationToken cancellationToken)
    {
        var job = await db.RecomputeJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return job is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The recomputation does not exist.", detail: $"There is no recomputation {id}.")
            : TypedResults.Ok(job.ToResponse());
    }
}
