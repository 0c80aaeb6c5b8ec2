using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary>
/// <c>GET /api/imports/{id}/changes?page=&amp;pageSize=</c>: the diff. A dry run's is what it recorded; a real import's
/// is the plans it added, then the commitment versions it wrote.
/// </summary>
internal static class ListImportChanges
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/imports/{id:guid}/changes", HandleAsync)
            .WithName(nameof(ListImportChanges))
            .WithSummary("List an import's diff: plans added; commitments added, changed (fields before and after), removed, restored")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PagedResponse<ImportChangeResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var invalid))
        {
            return PageRequest.Invalid(invalid);
        }

        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return Responses.ImportNotFound(id);
        }

        if (job.DryRun)
        {
            var entries = db.ImportDiffEntries.AsNoTracking().Where(e => e.ImportId == id);
            var count = await entries.CountAsync(cancellationToken);
            var recorded = await entries.OrderBy(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
            return TypedResults.Ok(new PagedResponse<ImportChangeResponse>([.. recorded.Select(e => e.ToResponse())], paging.Page, paging.PageSize, count));
        }

        var plans = db.ActionPlans.AsNoTracking().Where(p => p.FirstImportId == id);
        var planCount = await plans.CountAsync(cancellationToken);
        var versions = db.CommitmentVersions.AsNoTracking().Where(v => v.ImportId == id);
        var total = planCount + await versions.CountAsync(cancellationToken);
        var items = new List<ImportChangeResponse>();
        if (paging.Skip < planCount)
        {
            var added = await plans.OrderBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
            items.AddRange(added.Select(p => p.ToChangeResponse()));
        }

        if (items.Count < paging.PageSize)
        {
            var skip = Math.Max(0, paging.Skip - planCount);
            var rows = await versions.OrderBy(v => v.Id).Skip(skip).Take(paging.PageSize - items.Count)
                .Join(db.Commitments, v => v.CommitmentId, c => c.Id, (v, c) => new { Version = v, c.ActionPlanId })
                .ToListAsync(cancellationToken);
            items.AddRange(rows.Select(r => r.Version.ToChangeResponse(r.ActionPlanId)));
        }

        return TypedResults.Ok(new PagedResponse<ImportChangeResponse>(items, paging.Page, paging.PageSize, total));
    }
}
