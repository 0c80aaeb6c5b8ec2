using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary><c>GET /api/imports/{id}/errors?page=&amp;pageSize=</c>: every stored rejected row, in row order.</summary>
internal static class ListImportErrors
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/imports/{id:guid}/errors", HandleAsync)
            .WithName(nameof(ListImportErrors))
            .WithSummary("List an import's rejected rows (row, column, value, reason)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PagedResponse<ImportRowErrorResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var invalid))
        {
            return PageRequest.Invalid(invalid);
        }

        if (!await db.ImportJobs.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return Responses.ImportNotFound(id);
        }

        var query = db.ImportRowErrors.AsNoTracking().Where(e => e.ImportId == id);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Row).ThenBy(e => e.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(e => e.ToResponse()).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ImportRowErrorResponse>(items, paging.Page, paging.PageSize, total));
    }
}
