using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary>
/// <c>POST /api/imports/{id}/apply</c>: an admin applies a succeeded dry run. A new (real) import reads the file the dry
/// run kept, so nothing is uploaded again (a browser cannot send a file twice); its <c>rowsTotal</c> is the dry run's
/// rows read, for progress. The file is kept for <c>Imports:DryRunFileRetention</c> after the dry run, and used up by
/// the apply (given back if the apply does not succeed).
/// </summary>
internal static class ImportDryRun
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/imports/{id:guid}/apply", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ImportDryRun))
            .WithSummary("Apply a dry run")
            .WithDescription("Admins only. Starts a real import of the file a succeeded dry run kept (no upload); answers 202 with the new import's Location, whose rowsTotal is the dry run's rows read. 404 unknown import; 409 when it is not a dry run, has not succeeded, is applied already, or its file is no longer kept (Imports:DryRunFileRetention, one day by default): upload the file again.")
            .Produces<ImportResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Accepted<ImportResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, HttpContext context, ActionPlansDb db, ImportQueue queue, TimeProvider time, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var dryRun = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (dryRun is null)
        {
            return Responses.ImportNotFound(id);
        }

        if (!dryRun.DryRun)
        {
            return Conflict("Only a dry run can be applied.", $"Import '{id}' was not a dry run: it was applied as it ran.");
        }

        if (dryRun.Status != ImportStatus.Succeeded)
        {
            return Conflict("The dry run has not succeeded.", $"Import '{id}' is {dryRun.Status}; only a dry run that succeeded can be applied.");
        }

        var applying = (await DryRunFiles.AppliedByAsync(db, [id], cancellationToken)).GetValueOrDefault(id);
        if (applying != Guid.Empty)
        {
            return Conflict("The dry run is applied already.", $"Import '{applying}' applies it.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var applyId = Guid.CreateVersion7();
        var apply = new ImportJob
        {
            Id = applyId,
            Source = dryRun.Source,
            Format = dryRun.Format,
            Layout = dryRun.Layout,
            Status = ImportStatus.Queued,
            RequestedBy = context.User.Identity?.Name,
            CreatedAt = now,
            FilePath = Path.Combine(settings.WorkDirectory, $"{applyId:N}.upload"),
            FileBytes = dryRun.FileBytes,
            RowsTotal = dryRun.RowsRead,
            DryRunId = dryRun.Id,
        };
        if (!DryRunFiles.IsKept(dryRun) || dryRun.CompletedAt < now - settings.DryRunFileRetention
            || !await DryRunFiles.TakeAsync(db, dryRun, apply.FilePath, cancellationToken))
        {
            return Conflict("The dry run's file is no longer kept.", $"A dry run's file is kept for {settings.DryRunFileRetention} after it ends, until it is applied. Upload the file again.");
        }

        db.ImportJobs.Add(apply);
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(apply.Id);
        return TypedResults.Accepted($"/api/imports/{apply.Id}", apply.ToResponse(rowsInProgress: null, []));
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
