using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary>
/// <c>GET /api/imports</c>, <c>/api/imports/{id}</c> (status, live progress, counts, first row errors),
/// <c>/api/imports/{id}/errors</c> and <c>/api/imports/{id}/changes</c> (the diff: a dry run's, or what a real import did).
/// </summary>
internal static class GetImports
{
    private const int ErrorsShown = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapGetImports(this RouteGroupBuilder api)
    {
        api.MapGet("/imports", ListAsync).WithName("ListImports").WithSummary("List imports, newest first")
            .WithDescription("Uploaded files and source pulls alike; row errors are counted here and listed at /api/imports/{id}/errors.")
            .ProducesValidationProblem();
        api.MapGet("/imports/{id:guid}", GetAsync).WithName("GetImport")
            .WithSummary("Get an import's status, progress, counts and first row errors")
            .WithDescription("Poll it (the Location of POST /api/imports) until status is succeeded, rejected or failed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/imports/{id:guid}/errors", ErrorsAsync).WithName("ListImportErrors")
            .WithSummary("List an import's rejected rows (row, column, value, reason)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/imports/{id:guid}/changes", ChangesAsync).WithName("ListImportChanges")
            .WithSummary("List an import's diff: plans added; commitments added, changed (fields before and after), removed, restored")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<PagedResponse<ImportResponse>>, ValidationProblem>> ListAsync(
        ActionPlansDb db, ImportProgress progress, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var total = await db.ImportJobs.CountAsync(cancellationToken);
        var jobs = await db.ImportJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var items = jobs.Select(j => j.ToResponse(progress.RowsRead(j.Id), [])).ToList();
        return TypedResults.Ok(new PagedResponse<ImportResponse>(items, paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> GetAsync(Guid id, ActionPlansDb db, ImportProgress progress, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        var errors = await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportId == id).OrderBy(e => e.Row).ThenBy(e => e.Id)
            .Take(ErrorsShown).Select(e => new ImportRowErrorResponse(e.Row, e.Column, e.Value, e.Reason)).ToListAsync(cancellationToken);
        return TypedResults.Ok(job.ToResponse(progress.RowsRead(id), errors));
    }

    internal static async Task<Results<Ok<PagedResponse<ImportRowErrorResponse>>, ValidationProblem, ProblemHttpResult>> ErrorsAsync(
        Guid id, ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var invalid))
        {
            return PageRequest.Invalid(invalid);
        }

        if (!await db.ImportJobs.AnyAsync(j => j.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var query = db.ImportRowErrors.AsNoTracking().Where(e => e.ImportId == id);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Row).ThenBy(e => e.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(e => new ImportRowErrorResponse(e.Row, e.Column, e.Value, e.Reason)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ImportRowErrorResponse>(items, paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<PagedResponse<ImportChangeResponse>>, ValidationProblem, ProblemHttpResult>> ChangesAsync(
        Guid id, ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var invalid))
        {
            return PageRequest.Invalid(invalid);
        }

        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        if (job.DryRun)
        {
            var entries = db.ImportDiffEntries.AsNoTracking().Where(e => e.ImportId == id);
            var count = await entries.CountAsync(cancellationToken);
            var page1 = await entries.OrderBy(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
            return TypedResults.Ok(new PagedResponse<ImportChangeResponse>(
                [.. page1.Select(e => new ImportChangeResponse(e.Kind, e.CommitmentId, e.ActionPlanId, ReadChanges(e.Changes)))], paging.Page, paging.PageSize, count));
        }

        // A real import's diff: the plans it added, then the commitment versions it wrote.
        var plans = db.ActionPlans.AsNoTracking().Where(p => p.FirstImportId == id);
        var planCount = await plans.CountAsync(cancellationToken);
        var versions = db.CommitmentVersions.AsNoTracking().Where(v => v.ImportId == id);
        var total = planCount + await versions.CountAsync(cancellationToken);
        var items = new List<ImportChangeResponse>();
        if (paging.Skip < planCount)
        {
            items.AddRange(await plans.OrderBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize)
                .Select(p => new ImportChangeResponse(ChangeKind.PlanAdded, null, p.Id, Array.Empty<FieldChange>())).ToListAsync(cancellationToken));
        }

        if (items.Count < paging.PageSize)
        {
            var skip = Math.Max(0, paging.Skip - planCount);
            var rows = await versions.OrderBy(v => v.Id).Skip(skip).Take(paging.PageSize - items.Count)
                .Join(db.Commitments, v => v.CommitmentId, c => c.Id, (v, c) => new { v.Kind, v.CommitmentId, c.ActionPlanId, v.Changes })
                .ToListAsync(cancellationToken);
            items.AddRange(rows.Select(r => new ImportChangeResponse(r.Kind, r.CommitmentId, r.ActionPlanId, ReadChanges(r.Changes))));
        }

        return TypedResults.Ok(new PagedResponse<ImportChangeResponse>(items, paging.Page, paging.PageSize, total));
    }

    internal static IReadOnlyList<FieldChange> ReadChanges(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [];

    internal static ImportResponse ToResponse(this ImportJob job, int? rowsInProgress, IReadOnlyList<ImportRowErrorResponse> errors) => new()
    {
        Id = job.Id,
        Source = job.Source,
        Format = job.Format,
        Layout = job.Layout,
        DryRun = job.DryRun,
        Status = job.Status,
        RequestedBy = job.RequestedBy,
        CreatedAt = job.CreatedAt.AsUtc(),
        StartedAt = job.StartedAt.AsUtc(),
        CompletedAt = job.CompletedAt.AsUtc(),
        FileBytes = job.FileBytes,
        Counts = new ImportCounts(
            job.Status == ImportStatus.Running ? rowsInProgress ?? job.RowsRead : job.RowsRead,
            job.Added, job.Changed, job.Unchanged, job.Removed, job.Restored, job.Rejected, job.ActionPlansAdded),
        Error = job.Error,
        UnknownColumns = job.UnknownColumns is null ? [] : JsonSerializer.Deserialize<List<string>>(job.UnknownColumns, Json) ?? [],
        ActionPlanIds = job.ActionPlanIds is null ? [] : JsonSerializer.Deserialize<List<string>>(job.ActionPlanIds, Json) ?? [],
        ErrorCount = job.ErrorCount,
        Errors = errors,
    };

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Import not found.", detail: $"There is no import '{id}'.");
}
