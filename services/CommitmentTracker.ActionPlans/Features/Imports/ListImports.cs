using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary><c>GET /api/imports?page=&amp;pageSize=</c>: uploads and source pulls, newest first.</summary>
internal static class ListImports
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/imports", HandleAsync)
            .WithName(nameof(ListImports))
            .WithSummary("List imports, newest first")
            .WithDescription("Uploaded files and source pulls alike; row errors are counted here and listed at /api/imports/{id}/errors.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<ImportResponse>>, ValidationProblem>> HandleAsync(
        ActionPlansDb db, ImportProgress progress, IOptions<ImportOptions> options, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var total = await db.ImportJobs.CountAsync(cancellationToken);
        var jobs = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var appliedBy = await DryRunFiles.AppliedByAsync(db, [.. jobs.Where(j => j.DryRun).Select(j => j.Id)], cancellationToken);
        var items = jobs.Select(j => j.ToResponse(progress.RowsRead(j.Id), [], appliedBy.TryGetValue(j.Id, out var by) ? by : null, options.Value.DryRunFileRetention)).ToList();
        return TypedResults.Ok(new PagedResponse<ImportResponse>(items, paging.Page, paging.PageSize, total));
    }
}
