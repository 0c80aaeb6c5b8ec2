using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary><c>GET /api/imports/{id}</c>: status, live progress, counts and the first row errors.</summary>
internal static class GetImport
{
    private const int ErrorsShown = 100;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/imports/{id:guid}", HandleAsync)
            .WithName(nameof(GetImport))
            .WithSummary("Get an import's status, progress, counts and first row errors")
            .WithDescription("Poll it (the Location of POST /api/imports) until status is succeeded, rejected or failed; counts.rowsRead of rowsTotal (when known) is its progress. A dry run also says which import applies it (appliedById) or until when it can be applied (fileKeptUntil).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ActionPlansDb db, ImportProgress progress, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return Responses.ImportNotFound(id);
        }

        var errors = await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportId == id).OrderBy(e => e.Row).ThenBy(e => e.Id)
            .Take(ErrorsShown).Select(e => e.ToResponse()).ToListAsync(cancellationToken);
        var appliedBy = job.DryRun ? (await DryRunFiles.AppliedByAsync(db, [id], cancellationToken)).GetValueOrDefault(id) : Guid.Empty;
        return TypedResults.Ok(job.ToResponse(progress.RowsRead(id), errors, appliedBy == Guid.Empty ? null : appliedBy, options.Value.DryRunFileRetention));
    }
}
