using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Commitments;

/// <summary><c>GET /api/commitments/{id}/history?page=&amp;pageSize=</c>: every version, newest first.</summary>
internal static class GetCommitmentHistory
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/{id}/history", HandleAsync)
            .WithName(nameof(GetCommitmentHistory))
            .WithSummary("List a commitment's versions, newest first, with every changed field before and after")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PagedResponse<CommitmentVersionResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var normalized = id.Trim().ToUpperInvariant();
        if (!await db.Commitments.AnyAsync(c => c.Id == normalized, cancellationToken))
        {
            return Responses.CommitmentNotFound(id);
        }

        var versions = db.CommitmentVersions.AsNoTracking().Where(v => v.CommitmentId == normalized);
        var total = await versions.CountAsync(cancellationToken);
        var rows = await versions.OrderByDescending(v => v.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<CommitmentVersionResponse>([.. rows.Select(v => v.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
