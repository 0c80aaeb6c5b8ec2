using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.ActionPlans.Features;

/// <summary>The one place entities become API responses, and the problems several endpoints answer.</summary>
internal static class Responses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ActionPlanResponse ToResponse(this ActionPlan plan, string memberName) =>
        new(plan.Id, plan.MemberCode, memberName, plan.Number, plan.SubmissionYear, plan.EndYear, plan.FirstSeenAt.AsUtc(), plan.DurationYears);

    public static MemberResponse ToResponse(this Member member, int actionPlanCount) =>
        new(member.Code, member.Name, actionPlanCount, member.Region, member.Kind);

    /// <summary>
    /// A list's summary, as a query projection: it reads the promoted columns only, never the cells or the full text.
    /// The member's name is the code until <see cref="WithMemberName"/> sets it.
    /// </summary>
    public static readonly Expression<Func<Commitment, CommitmentSummaryResponse>> CommitmentSummary = c => new CommitmentSummaryResponse(
        c.Id, c.ActionPlanId, c.MemberCode, c.MemberCode, c.Title, c.ShortTitle, c.LeadInstitution, c.Completion,
        CommitmentCells.PolicyAreaNames(c.PolicyAreas), c.Removed, c.Version, c.UpdatedAt.AsUtc());

    public static CommitmentSummaryResponse WithMemberName(this CommitmentSummaryResponse summary, IReadOnlyDictionary<string, string> names) =>
        summary with { MemberName = names.GetValueOrDefault(summary.MemberCode, summary.MemberCode) };

    /// <summary>Every column of the sheet, structured: dates raw and parsed, IRM values with their numeric twins, states apart from values.</summary>
    public static CommitmentResponse ToResponse(this Commitment commitment, string memberName)
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

    public static CommitmentVersionResponse ToResponse(this CommitmentVersion version) =>
        new(version.Version, version.Kind, version.ImportId, version.At.AsUtc(), ReadChanges(version.Changes));

    public static ImportResponse ToResponse(this ImportJob job, int? rowsInProgress, IReadOnlyList<ImportRowErrorResponse> errors) => new()
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

    public static ImportRowErrorResponse ToResponse(this ImportRowError error) => new(error.Row, error.Column, error.Value, error.Reason);

    /// <summary>A dry run's recorded change.</summary>
    public static ImportChangeResponse ToResponse(this ImportDiffEntry entry) =>
        new(entry.Kind, entry.CommitmentId, entry.ActionPlanId, ReadChanges(entry.Changes));

    /// <summary>A real import's change to a commitment: the version it wrote.</summary>
    public static ImportChangeResponse ToChangeResponse(this CommitmentVersion version, string actionPlanId) =>
        new(version.Kind, version.CommitmentId, actionPlanId, ReadChanges(version.Changes));

    /// <summary>A real import's new plan.</summary>
    public static ImportChangeResponse ToChangeResponse(this ActionPlan plan) =>
        new(ChangeKind.PlanAdded, null, plan.Id, Array.Empty<FieldChange>());

    /// <summary>A configured source (its URL without the query string, which may hold a token) and its last pull.</summary>
    public static ImportSourceResponse ToResponse(this ImportSourceState? state, string name, ImportSourceOptions source) => new(
        name,
        source.Url!.GetLeftPart(UriPartial.Path),
        source.Interval,
        state?.LastCheckedAt.AsUtc(),
        state?.LastOutcome,
        source.Interval is null ? null : state?.NextDueAt.AsUtc(),
        state?.LastImportId);

    public static ProblemHttpResult ActionPlanNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Action plan not found.", detail: $"There is no action plan '{id}'.");

    public static ProblemHttpResult MemberNotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Member not found.", detail: $"There is no member '{code}'.");

    public static ProblemHttpResult CommitmentNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Commitment not found.", detail: $"There is no commitment '{id}'.");

    public static ProblemHttpResult ImportNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Import not found.", detail: $"There is no import '{id}'.");

    private static List<FieldChange> ReadChanges(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [];

    private static SheetValue Value(IReadOnlyDictionary<string, string> cells, string column)
    {
        var raw = cells.Get(column);
        return new SheetValue(raw, Cells.StateOf(raw).Name());
    }

    private static SheetDate Date(string? raw, ParsedDate? parsed) =>
        new(raw, parsed?.Date, parsed?.Precision.ToString().ToLower(CultureInfo.InvariantCulture));
}
