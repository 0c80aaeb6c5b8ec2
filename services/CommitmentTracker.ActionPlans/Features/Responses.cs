using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features;

/// <summary>The one place entities become API responses, and the problems several endpoints answer.</summary>
internal static class Responses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The sheet's column layout is fixed: which columns a commitment response reads is worked out once, not per request.
    private static readonly (string Column, string? NumericTwin)[] IrmColumns = IrmColumnsOf();
    private static readonly string[] OgpValueColumns = [.. SheetColumns.All.Where(c => c.Kind == SheetColumnKind.OgpValue).Select(c => c.Name)];
    private static readonly string[] HousekeepingColumns = [.. SheetColumns.All.Where(c => c.Kind == SheetColumnKind.Housekeeping).Select(c => c.Name)];

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
        var irm = new List<IrmAssessmentResponse>(IrmColumns.Length);
        foreach (var (column, twin) in IrmColumns)
        {
            irm.Add(twin is null
                ? new IrmAssessmentResponse(column, Value(cells, column), null, null)
                : new IrmAssessmentResponse(column, Value(cells, column), twin, Value(cells, twin)));
        }

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
            OgpValues = OgpValueColumns.ToDictionary(name => name, name => Value(cells, name)),
            Irm = irm,
            ClusterCommitmentIds = Cells.StateOf(cluster) == CellState.Value
                ? cluster!.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [],
            CarriedForward = Value(cells, SheetColumns.CarriedForward),
            Url = cells.Get(SheetColumns.Url),
            Housekeeping = HousekeepingColumns.ToDictionary(name => name, name => cells.Get(name)),
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

    /// <summary>
    /// <paramref name="appliedById"/>: the import applying this dry run, if any; <paramref name="fileRetention"/>: how long
    /// a dry run's file is kept (to say until when it can be applied).
    /// </summary>
    public static ImportResponse ToResponse(
        this ImportJob job, int? rowsInProgress, IReadOnlyList<ImportRowErrorResponse> errors, Guid? appliedById = null, TimeSpan? fileRetention = null) => new()
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
        RowsTotal = job.RowsTotal ?? (job.Status == ImportStatus.Succeeded ? job.RowsRead : null),
        DryRunId = job.DryRunId,
        AppliedById = appliedById,
        FileKeptUntil = DryRunFiles.IsKept(job) && appliedById is null && fileRetention is { } retention ? (job.CompletedAt!.Value + retention).AsUtc() : null,
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

    /// <summary>The IRM columns a thread shows for each commitment, in the sheet's order.</summary>
    private static readonly string[] ThreadIrmColumns =
    [
        SheetColumns.PotentialImpact, SheetColumns.CompletionProgressReport, SheetColumns.PotentialForResults,
        SheetColumns.CompletionEndOfTerm, SheetColumns.EarlyResults, SheetColumns.DidItOpenGovernment,
    ];

    /// <summary>One commitment of a reform's thread: its plan, completion and IRM values, and the link to the one before it.</summary>
    public static ThreadCommitmentResponse ToThreadResponse(this Commitment commitment, ActionPlan? plan, CommitmentLink? link)
    {
        var cells = CommitmentCells.ReadStored(commitment.Cells, null);
        return new ThreadCommitmentResponse(
            commitment.Id, commitment.ActionPlanId, plan?.Number, plan?.SubmissionYear, plan?.EndYear, commitment.Title, commitment.Completion,
            ThreadIrmColumns.ToDictionary(c => c, c => Value(cells, c), StringComparer.Ordinal),
            cells.Get(SheetColumns.CarriedForward) == "1", commitment.Removed,
            link is null ? null : new ThreadLinkResponse(link.Id, link.Status, link.Origin, link.Similarity, link.DecidedBy, link.DecidedOrganisation, link.DecidedAt?.AsUtc()));
    }

    /// <summary>A link with both commitments' plans and titles (as far as they are known) and its audit, oldest first.</summary>
    public static CommitmentLinkResponse ToResponse(this CommitmentLink link, IReadOnlyDictionary<string, Commitment> commitments, ILookup<Guid, CommitmentLinkAudit> audits)
    {
        var (successor, predecessor) = (commitments.GetValueOrDefault(link.CommitmentId), commitments.GetValueOrDefault(link.PredecessorId));
        return new CommitmentLinkResponse(
            link.Id, link.MemberCode, link.CommitmentId, successor?.ActionPlanId ?? string.Empty, successor?.Title ?? string.Empty,
            link.PredecessorId, predecessor?.ActionPlanId ?? string.Empty, predecessor?.Title ?? string.Empty,
            link.Status, link.Origin, link.Similarity, link.CarriedForward, link.DecidedBy, link.DecidedOrganisation, link.Reason,
            link.DecidedAt?.AsUtc(), link.CreatedAt.AsUtc(), link.Version)
        {
            History = [.. audits[link.Id].OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new CommitmentLinkAuditResponse(a.Action, a.Actor, a.Organisation, a.Reason, a.At.AsUtc()))],
        };
    }

    /// <summary>The audit entries of the links, by link.</summary>
    public static async Task<ILookup<Guid, CommitmentLinkAudit>> AuditsAsync(ActionPlansDb db, IEnumerable<Guid> linkIds, CancellationToken cancellationToken)
    {
        var ids = linkIds.ToList();
        return (await db.CommitmentLinkAudits.AsNoTracking().Where(a => ids.Contains(a.LinkId)).ToListAsync(cancellationToken)).ToLookup(a => a.LinkId);
    }

    /// <summary>A liaison's decision on a link as the answer: the link, or the problem in our words.</summary>
    public static async Task<Results<Ok<CommitmentLinkResponse>, ValidationProblem, ProblemHttpResult>> LinkOutcomeAsync(ActionPlansDb db, LinkOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case LinkOutcome.Done done:
                var ids = new[] { done.Link.CommitmentId, done.Link.PredecessorId };
                var commitments = await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
                return TypedResults.Ok(done.Link.ToResponse(commitments, await AuditsAsync(db, [done.Link.Id], cancellationToken)));
            case LinkOutcome.NotFound notFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no {notFound.What}.");
            case LinkOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }, title: "The link is not valid.");
            case LinkOutcome.Conflict conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The link cannot change so.", detail: conflict.Message);
            default:
                throw new InvalidOperationException($"No answer for {outcome.GetType().Name}.");
        }
    }

    /// <summary>A commitment's linked neighbour, as the commitment detail shows it.</summary>
    public static LinkedCommitmentResponse ToLinkedResponse(this Commitment neighbour, CommitmentLink link) =>
        new(neighbour.Id, neighbour.ActionPlanId, neighbour.Title, link.Id, link.Origin);

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

    /// <summary>The IRM columns in sheet order, each text column with its numeric twin (a twin is not listed on its own).</summary>
    private static (string Column, string? NumericTwin)[] IrmColumnsOf()
    {
        var numericTwins = SheetColumns.IrmPairs.ToDictionary(p => p.Text, p => p.Numeric, StringComparer.Ordinal);
        var twinColumns = SheetColumns.IrmPairs.Select(p => p.Numeric).ToHashSet(StringComparer.Ordinal);
        return [.. SheetColumns.All
            .Where(c => c.Kind == SheetColumnKind.Irm && !twinColumns.Contains(c.Name))
            .Select(c => (c.Name, numericTwins.TryGetValue(c.Name, out var twin) ? twin : null))];
    }
}
