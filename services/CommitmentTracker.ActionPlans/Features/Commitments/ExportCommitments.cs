using CommitmentTracker.ActionPlans.Commitments;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Commitments;

/// <summary>
/// <c>GET /api/commitments/export?format=csv|xlsx</c> with the list's filters: the sheet's 171 columns under OGP's names,
/// so the file re-imports to no change. Cells a spreadsheet would run as formulas are neutralised (<see cref="FormulaGuard"/>).
/// </summary>
internal static class ExportCommitments
{
    private const int ChunkSize = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/export", HandleAsync)
            .WithName(nameof(ExportCommitments))
            .WithSummary("Export commitments as OGP's sheet (CSV or XLSX)")
            .WithDescription("Same filters as the list; rows in id order. Cells starting with = + - @ get a leading apostrophe, which an import removes again. Re-importing an export of whole plans changes nothing; an export filtered to part of a plan would, on re-import, mark the plan's other commitments removed.")
            // One call: a second Produces for the same status would replace the first content type.
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesValidationProblem();

    internal static async Task<Results<EmptyHttpResult, ValidationProblem>> HandleAsync(
        HttpContext context, ActionPlansDb db, string? format, string? member, string? actionPlan, string? policyArea, string? completion, string? q,
        bool? includeRemoved, CancellationToken cancellationToken)
    {
        var query = new CommitmentQuery(member, actionPlan, policyArea, completion, q, includeRemoved, Sort: null);
        var errors = query.Validate();
        var kind = (format ?? "csv").Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            errors["format"] = ["format is csv or xlsx."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The export query is not valid.");
        }

        var fileName = $"commitments-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{kind}";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        if (kind == "csv")
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            await using var csv = CsvSheetWriter.Create(context.Response.Body);
            await WriteAsync(db, query, csv, cancellationToken);
            return TypedResults.Empty;
        }

        // The workbook is assembled in a temporary file (a zip's directory comes last), then streamed.
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            await using (var xlsx = XlsxSheetWriter.Create(file))
            {
                await WriteAsync(db, query, xlsx, cancellationToken);
            }

            context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            context.Response.ContentLength = new FileInfo(path).Length;
            await using var read = File.OpenRead(path);
            await read.CopyToAsync(context.Response.Body, cancellationToken);
            return TypedResults.Empty;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Keyset pages by id keep memory flat however many commitments match.</summary>
    private static async Task WriteAsync(ActionPlansDb db, CommitmentQuery query, ISheetWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteRowAsync([.. SheetColumns.All.Select(c => c.Name)], cancellationToken);
        var filtered = query.Apply(db);
        var cells = new string?[SheetColumns.All.Count];
        string? after = null;
        while (true)
        {
            var page = after is null ? filtered : filtered.Where(c => c.Id.CompareTo(after) > 0);
            var chunk = await page.OrderBy(c => c.Id).Take(ChunkSize).Select(c => new { c.Id, c.Cells, c.FullText }).ToListAsync(cancellationToken);
            foreach (var row in chunk)
            {
                var values = CommitmentCells.ReadStored(row.Cells, row.FullText);
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = values.TryGetValue(SheetColumns.All[i].Name, out var value) ? FormulaGuard.Neutralize(value) : string.Empty;
                }

                await writer.WriteRowAsync(cells, cancellationToken);
            }

            if (chunk.Count < ChunkSize)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
