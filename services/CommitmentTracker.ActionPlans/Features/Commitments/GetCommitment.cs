using System.Globalization;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Features.Imports;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Commitments;

/// <summary><c>GET /api/commitments/{id}</c> (every column, structured) and <c>GET /api/commitments/{id}/history</c> (every version).</summary>
internal static class GetCommitment
{
    public static void MapGetCommitment(this RouteGroupBuilder api)
    {
        api.MapGet("/commitments/{id}", GetAsync)
            .WithName("GetCommitment")
            .WithSummary("Get one commitment with every column of the sheet")
            .WithDescription("Dates come as written and parsed; IRM values with their numeric twins; NA, ND and NR are states, not blanks. Removed commitments are returned with removed=true.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/commitments/{id}/history", HistoryAsync)
            .WithName("GetCommitmentHistory")
            .WithSummary("List a commitment's versions, newest first, with every changed field before and after")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<CommitmentResponse>, ProblemHttpResult>> GetAsync(string id, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToUpperInvariant();
        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == normalized, cancellationToken);
        if (commitment is null)
        {
            return NotFound(id);
        }

        var memberName = await db.Members.Where(m => m.Code == commitment.MemberCode).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(commitment, memberName ?? commitment.MemberCode));
    }

    internal static async Task<Results<Ok<PagedResponse<CommitmentVersionResponse>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string id, ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var normalized = id.Trim().ToUpperInvariant();
        if (!await db.Commitments.AnyAsync(c => c.Id == normalized, cancellationToken))
        {
            return NotFound(id);
        }

        var versions = db.CommitmentVersions.AsNoTracking().Where(v => v.CommitmentId == normalized);
        var total = await versions.CountAsync(cancellationToken);
        var rows = await versions.OrderByDescending(v => v.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var items = rows.Select(v => new CommitmentVersionResponse(
            v.Version, v.Kind, v.ImportId, v.At.AsUtc(), GetImports.ReadChanges(v.Changes))).ToList();
        return TypedResults.Ok(new PagedResponse<CommitmentVersionResponse>(items, paging.Page, paging.PageSize, total));
    }

    internal static CommitmentResponse ToResponse(Commitment commitment, string memberName)
    {
        var cells = CommitmentCells.ReadStored(commitment.Cells, commitment.FullText);
        var (start, end) = OgpDate.ParsePair(cells.Get(SheetColumns.StartDate), cells.Get(SheetColumns.EndDate));
        var numericTwins = SheetColumns.IrmPairs.ToDictionary(p => p.Text, p => p.Numeric, StringComparer.Ordinal);
        var twinColumns = SheetColumns.IrmPairs.Select(p => p.Numeric).ToHashSet(StringComparer.Ordinal);
        var irm = SheetColumns.All
            .Where(c => c.Kind == SheetColumnKind.Irm && !twinColumns.Contains(c.Name))
            .Select(c => numericTwins.TryGetValue(c.Name, out var twin)
                ? new IrmAssessmentResponse(c.Name, Value(cells, c.Name), twin, Value(cells, twin))
                : new IrmAssessmentResponse(c.Name, Value(cells, c.Name), null, null))
            .ToList();
        var cluster = cells.Get(SheetColumns.ClusterCommitmentIds);
        return new CommitmentResponse
        {
            Id = commitment.Id,
            OgpId = cells.Integer(SheetColumns.OgpId),
            ActionPlanId = commitment.ActionPlanId,
            MemberCode = commitment.MemberCode,
            MemberName = memberName,
            Region = cells.Get(SheetColumns.Region),
            CommitmentNumber = cells.Get(SheetColumns.CommitmentNumber),
            Theme = cells.Get(SheetColumns.Theme),
            Title = commitment.Title,
            ShortTitle = cells.Get(SheetColumns.ShortTitle),
            FullText = cells.Get(SheetColumns.FullText),
            LeadInstitution = cells.Get(SheetColumns.LeadInstitution),
            SupportingInstitutions = cells.Get(SheetColumns.SupportingInstitutions),
            StartDate = Date(cells.Get(SheetColumns.StartDate), start),
            EndDate = Date(cells.Get(SheetColumns.EndDate), end),
            PolicyAreas = CommitmentCells.PolicyAreas(cells),
            PolicyAreaStates = SheetColumns.PolicyAreas
                .Where(c => cells.Get(c.Name)?.Trim() is not ("0" or "1" or null))
                .ToDictionary(c => c.Name, c => Value(cells, c.Name)),
            OgpValues = SheetColumns.All.Where(c => c.Kind == SheetColumnKind.OgpValue).ToDictionary(c => c.Name, c => Value(cells, c.Name)),
            Irm = irm,
            ClusterCommitmentIds = Cells.StateOf(cluster) == CellState.Value
                ? cluster!.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            CarriedForward = Value(cells, SheetColumns.CarriedForward),
            Url = cells.Get(SheetColumns.Url),
            Housekeeping = SheetColumns.All.Where(c => c.Kind == SheetColumnKind.Housekeeping).ToDictionary(c => c.Name, c => cells.Get(c.Name)),
            ExtraColumns = CommitmentCells.Deserialize(commitment.ExtraCells).ToDictionary(e => e.Key, e => (string?)e.Value),
            Removed = commitment.Removed,
            RemovedAt = commitment.RemovedAt.AsUtc(),
            Version = commitment.Version,
            FirstSeenAt = commitment.FirstSeenAt.AsUtc(),
            UpdatedAt = commitment.UpdatedAt.AsUtc(),
            LastImportId = commitment.LastImportId,
        };
    }

    private static SheetValue Value(IReadOnlyDictionary<string, string> cells, string column)
    {
        var raw = cells.Get(column);
        return new SheetValue(raw, Cells.StateOf(raw).Name());
    }

    private static SheetDate Date(string? raw, ParsedDate? parsed) =>
        new(raw, parsed?.Date, parsed?.Precision.ToString().ToLower(CultureInfo.InvariantCulture));

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Commitment not found.", detail: $"There is no commitment '{id}'.");
}
