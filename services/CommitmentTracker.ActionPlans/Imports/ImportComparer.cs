using System.Runtime.CompilerServices;
using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Compares one file's rows with the stored data, batch by batch, and says what differs (<see cref="ImportChange"/>):
/// members and plans seen first, commitments added, changed (every field before and after), restored, refreshed and,
/// once every row is read, absent. It counts on the job what it finds (unchanged and rejected rows too) and keeps the
/// rejected rows' errors. It writes nothing: the stored commitments it reports are loaded into the context as they
/// are, for a writer that applies the changes to change in place.
/// </summary>
internal sealed class ImportComparer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ActionPlansDb db;
    private readonly ImportJob job;
    private readonly SheetLayout layout;
    private readonly int batchSize;
    private readonly int maxStoredErrors;
    private readonly DateTime now;
    private readonly Dictionary<string, Member> members;
    private readonly Dictionary<string, ActionPlan> plans;
    private readonly HashSet<string> updatedMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> updatedPlans = new(StringComparer.Ordinal);
    private readonly HashSet<string> scope = new(StringComparer.Ordinal);
    /// <summary>Plans with a row whose commitment id could not be read: nothing of theirs is taken for absent.</summary>
    private readonly HashSet<string> unsafeToRemove = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);
    private readonly List<ImportedRow> batch = [];
    private readonly List<ImportRowError> errors = [];

    private ImportComparer(ActionPlansDb db, ImportJob job, SheetLayout layout, ImportOptions options, DateTime now, List<Member> members, List<ActionPlan> plans)
    {
        this.db = db;
        this.job = job;
        this.layout = layout;
        this.now = now;
        batchSize = options.BatchSize;
        maxStoredErrors = options.MaxStoredRowErrors;
        this.members = members.ToDictionary(m => m.Code, StringComparer.Ordinal);
        this.plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
        PlanIds = plans.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        Names = new MemberNames(members.Select(m => (m.Code, m.Name)));
    }

    /// <summary>The stored members' codes by name, for reading the Explorer CSV's rows.</summary>
    public MemberNames Names { get; }

    public int RowsRead { get; private set; }

    /// <summary>The ids of the plans the database held when the import began (a set of its own: the parser's thread reads it).</summary>
    public IReadOnlySet<string> PlanIds { get; }

    public static async Task<ImportComparer> StartAsync(ActionPlansDb db, ImportJob job, SheetLayout layout, ImportOptions options, DateTime now, CancellationToken cancellationToken)
    {
        var members = await db.Members.AsNoTracking().ToListAsync(cancellationToken);
        var plans = await db.ActionPlans.AsNoTracking().ToListAsync(cancellationToken);
        return new ImportComparer(db, job, layout, options, now, members, plans);
    }

    /// <summary>Counts a row that failed validation; its commitment (when its id was readable) is never taken for absent.</summary>
    public void Reject(IReadOnlyList<RowProblem> problems, string? id, string? actionPlanId)
    {
        RowsRead++;
        job.Rejected++;
        if (id is not null)
        {
            seen.TryAdd(id, problems[0].Row);
        }
        else if (actionPlanId is not null)
        {
            unsafeToRemove.Add(actionPlanId);
        }

        foreach (var problem in problems)
        {
            Error(problem);
        }
    }

    /// <summary>Takes a valid row into the batch; true when the batch is full and <see cref="CompareBatchAsync"/> is due.</summary>
    public bool Add(ImportedRow row)
    {
        RowsRead++;
        if (!seen.TryAdd(row.Id, row.RowNumber))
        {
            throw new ImportRejectedException($"Commitment '{row.Id}' appears twice, in rows {seen[row.Id]} and {row.RowNumber}: ids must be unique.");
        }

        scope.Add(row.ActionPlanId);
        batch.Add(row);
        return batch.Count >= batchSize;
    }

    /// <summary>
    /// The batch's changes in the order a dry run lists them: per row, its member and plan when new and its commitment
    /// when new; then the batch's changed, restored and refreshed commitments. Unchanged rows are only counted.
    /// </summary>
    public async Task<List<ImportChange>> CompareBatchAsync(CancellationToken cancellationToken)
    {
        var changes = new List<ImportChange>();
        if (batch.Count == 0)
        {
            return changes;
        }

        var ids = batch.Select(r => r.Id).ToList();
        var existing = await db.Commitments.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.FullHash, c.Removed })
            .ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);

        var toLoad = new List<ImportedRow>();
        foreach (var row in batch)
        {
            if (plans.TryGetValue(row.ActionPlanId, out var plan) && plan.MemberCode != row.MemberCode)
            {
                job.Rejected++;
                Error(new RowProblem(row.RowNumber, SheetColumns.MemberCode, row.MemberCode, $"Action plan {row.ActionPlanId} belongs to member {plan.MemberCode}."));
                continue;
            }

            CompareMemberAndPlan(row, changes);
            if (!existing.TryGetValue(row.Id, out var stored))
            {
                changes.Add(new RowAdded(row));
                job.Added++;
            }
            else if (stored.Removed || !layout.HasEveryColumn
                || !(row.Stored?.FullHash ?? CommitmentCells.FullHash(row.Cells, row.Extra)).AsSpan().SequenceEqual(stored.FullHash))
            {
                toLoad.Add(row);
            }
            else
            {
                job.Unchanged++;
            }
        }

        batch.Clear();
        if (toLoad.Count > 0)
        {
            var loadIds = toLoad.Select(r => r.Id).ToList();
            var loaded = await db.Commitments.Where(c => loadIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
            changes.AddRange(toLoad.Where(r => loaded.ContainsKey(r.Id)).Select(r => Compare(loaded[r.Id], r)));
        }

        return changes;
    }

    /// <summary>
    /// Once every row is compared: the commitments of the file's plans, of its layout, that it no longer has, in
    /// batches. Each batch is loaded after the previous one was written.
    /// </summary>
    public async IAsyncEnumerable<List<ImportChange>> FindAbsentAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plansInScope = scope.Except(unsafeToRemove).ToList();
        if (plansInScope.Count == 0)
        {
            yield break;
        }

        var candidates = await db.Commitments.AsNoTracking()
            .Where(c => plansInScope.Contains(c.ActionPlanId) && !c.Removed && c.Layout == layout.Name)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var absent = candidates.Where(id => !seen.ContainsKey(id)).ToList();
        foreach (var chunk in absent.Chunk(batchSize))
        {
            var commitments = await db.Commitments.Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
            job.Removed += commitments.Count;
            yield return [.. commitments.Select(c => new CommitmentAbsent(c))];
        }
    }

    /// <summary>Fills the job's plan ids and rows read, and says what only the whole file tells.</summary>
    public ImportEnd Complete()
    {
        if (batch.Count > 0)
        {
            throw new InvalidOperationException("The last batch is not compared yet.");
        }

        job.ActionPlanIds = JsonSerializer.Serialize(scope.Order(StringComparer.Ordinal), Json);
        job.RowsRead = RowsRead;
        return new ImportEnd([.. updatedMembers.Select(code => members[code])], [.. updatedPlans.Select(id => plans[id])], errors);
    }

    private void CompareMemberAndPlan(ImportedRow row, List<ImportChange> changes)
    {
        var region = row.Cells.Get(SheetColumns.Region);
        var kind = row.Cells.Get(SheetColumns.NationalOrLocal);
        if (!members.TryGetValue(row.MemberCode, out var member))
        {
            member = new Member { Code = row.MemberCode, Name = row.MemberName, Region = region, Kind = kind };
            members[member.Code] = member;
            changes.Add(new MemberAdded(member));
        }
        else if (member.Name != row.MemberName || (region is not null && member.Region != region) || (kind is not null && member.Kind != kind))
        {
            member.Name = row.MemberName;
            member.Region = region ?? member.Region;
            member.Kind = kind ?? member.Kind;
            updatedMembers.Add(member.Code);
        }

        var number = row.Cells.Integer(SheetColumns.ActionPlanNumber);
        var submission = row.Cells.Integer(SheetColumns.SubmissionYear);
        var end = row.Cells.Integer(SheetColumns.EndYear);
        var duration = row.Cells.Integer(SheetColumns.DurationYears);
        if (!plans.TryGetValue(row.ActionPlanId, out var plan))
        {
            plan = new ActionPlan
            {
                Id = row.ActionPlanId,
                MemberCode = row.MemberCode,
                Number = number,
                SubmissionYear = submission,
                EndYear = end,
                DurationYears = duration,
                FirstSeenAt = now,
                FirstImportId = job.Id,
            };
            plans[plan.Id] = plan;
            job.ActionPlansAdded++;
            changes.Add(new PlanAdded(plan, row.MemberName, number, submission, end));
        }
        else if ((number is not null && plan.Number != number) || (submission is not null && plan.SubmissionYear != submission)
            || (end is not null && plan.EndYear != end) || (duration is not null && plan.DurationYears != duration))
        {
            plan.Number = number ?? plan.Number;
            plan.SubmissionYear = submission ?? plan.SubmissionYear;
            plan.EndYear = end ?? plan.EndYear;
            plan.DurationYears = duration ?? plan.DurationYears;
            updatedPlans.Add(plan.Id);
        }
    }

    /// <summary>A stored commitment against its row: changed, restored, or only refreshed (housekeeping or extra columns).</summary>
    private ImportChange Compare(Commitment stored, ImportedRow row)
    {
        var before = CommitmentCells.ReadStored(stored.Cells, stored.FullText);
        IReadOnlyDictionary<string, string> after = row.Cells;
        if (!layout.HasEveryColumn)
        {
            // A file without some columns leaves them as they were.
            var merged = new Dictionary<string, string>(before, StringComparer.Ordinal);
            foreach (var (_, column) in layout.Known)
            {
                merged.Remove(column.Name);
            }

            foreach (var (name, value) in row.Cells)
            {
                merged[name] = value;
            }

            after = merged;
        }

        var changes = CommitmentCells.Diff(before, after);
        if (stored.Removed)
        {
            job.Restored++;
            return new RowChanged(stored, row, after, ChangeKind.Restored, changes);
        }

        if (changes.Count > 0)
        {
            job.Changed++;
            return new RowChanged(stored, row, after, ChangeKind.Changed, changes);
        }

        job.Unchanged++;
        return new RowRefreshed(stored, row, after);
    }

    private void Error(RowProblem problem)
    {
        job.ErrorCount++;
        if (errors.Count < maxStoredErrors)
        {
            errors.Add(new ImportRowError
            {
                ImportId = job.Id,
                Row = problem.Row,
                Column = problem.Column,
                Value = problem.Value.Clip(500),
                Reason = problem.Reason,
            });
        }
    }
}
