using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Compares one file's rows with the stored commitments, in batches, and stages every difference: new members and
/// plans, added, changed, restored and (at the end) removed commitments, each with its version and its event. The
/// caller commits the staged work in one transaction (a real import) or discards it (a dry run, which keeps the diff).
/// </summary>
internal sealed class ImportSession : IAsyncDisposable
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
    private readonly HashSet<string> dirtyMembers = new(StringComparer.Ordinal);
    private readonly HashSet<string> dirtyPlans = new(StringComparer.Ordinal);
    private readonly HashSet<string> scope = new(StringComparer.Ordinal);
    /// <summary>Plans with a row whose commitment id could not be read: nothing of theirs is removed.</summary>
    private readonly HashSet<string> unsafeToRemove = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);
    private readonly List<ImportedRow> batch = [];
    private readonly List<ImportDiffEntry> diff = [];
    private readonly List<ImportRowError> storedErrors = [];
    private readonly List<Commitment> newCommitments = [];
    private readonly List<CommitmentVersion> newVersions = [];
    private readonly List<OutboxMessage> newEvents = [];
    private readonly bool bulk;
    private BulkInserter<Commitment>? commitmentInserter;
    private BulkInserter<CommitmentVersion>? versionInserter;
    private BulkInserter<OutboxMessage>? outboxInserter;

    private ImportSession(ActionPlansDb db, ImportJob job, SheetLayout layout, ImportOptions options, DateTime now, List<Member> members, List<ActionPlan> plans)
    {
        this.db = db;
        this.job = job;
        this.layout = layout;
        this.now = now;
        batchSize = options.BatchSize;
        maxStoredErrors = options.MaxStoredRowErrors;
        this.members = members.ToDictionary(m => m.Code, StringComparer.Ordinal);
        this.plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
        Names = new MemberNames(members.Select(m => (m.Code, m.Name)));
        bulk = options.BulkInsert && !job.DryRun && db.Database.IsSqlite();
    }

    public MemberNames Names { get; }

    public int RowsRead { get; private set; }

    public static async Task<ImportSession> StartAsync(ActionPlansDb db, ImportJob job, SheetLayout layout, ImportOptions options, DateTime now, CancellationToken cancellationToken)
    {
        var members = await db.Members.AsNoTracking().ToListAsync(cancellationToken);
        var plans = await db.ActionPlans.AsNoTracking().ToListAsync(cancellationToken);
        return new ImportSession(db, job, layout, options, now, members, plans);
    }

    /// <summary>Counts a row that failed validation; its commitment (when its id was readable) is protected from removal.</summary>
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

    public async Task AddAsync(ImportedRow row, CancellationToken cancellationToken)
    {
        RowsRead++;
        if (!seen.TryAdd(row.Id, row.RowNumber))
        {
            throw new ImportRejectedException($"Commitment '{row.Id}' appears twice, in rows {seen[row.Id]} and {row.RowNumber}: ids must be unique.");
        }

        scope.Add(row.ActionPlanId);
        batch.Add(row);
        if (batch.Count >= batchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Stages the removals and the plans' and members' updates, and fills the job's counts. The caller saves.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await RemoveAbsentAsync(cancellationToken);
        foreach (var code in dirtyMembers)
        {
            db.Members.Update(members[code]);
        }

        foreach (var id in dirtyPlans)
        {
            db.ActionPlans.Update(plans[id]);
        }

        job.ActionPlanIds = JsonSerializer.Serialize(scope.Order(StringComparer.Ordinal), Json);
        job.RowsRead = RowsRead;
        if (job.DryRun)
        {
            db.ChangeTracker.Clear();
            db.ImportDiffEntries.AddRange(diff);
        }

        db.ImportRowErrors.AddRange(storedErrors);
        db.ImportJobs.Update(job);
    }

    /// <summary>Saves the batch (inside the caller's transaction) or, in a dry run, keeps only its diff.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (job.DryRun)
        {
            // Nothing staged is kept but the diff, which is how a dry run answers.
            db.ChangeTracker.Clear();
            newCommitments.Clear();
            newVersions.Clear();
            newEvents.Clear();
            db.ImportDiffEntries.AddRange(diff);
            diff.Clear();
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await InsertNewAsync(cancellationToken);
    }

    /// <summary>
    /// New commitments, their first versions and their events: on SQLite through prepared inserts (the change tracker
    /// costs far more than SQLite does), elsewhere through EF. Either way inside the import's transaction.
    /// </summary>
    private async Task InsertNewAsync(CancellationToken cancellationToken)
    {
        if (newCommitments.Count == 0)
        {
            return;
        }

        if (bulk)
        {
            commitmentInserter ??= await BulkInserter.CreateAsync<Commitment>(db, cancellationToken);
            versionInserter ??= await BulkInserter.CreateAsync<CommitmentVersion>(db, cancellationToken);
            outboxInserter ??= await BulkInserter.CreateAsync<OutboxMessage>(db, cancellationToken);
            for (var i = 0; i < newCommitments.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                commitmentInserter.Insert(newCommitments[i]);
                versionInserter.Insert(newVersions[i]);
                outboxInserter.Insert(newEvents[i]);
            }

            db.PublishInsertedOnCommit();
        }
        else
        {
            db.Commitments.AddRange(newCommitments);
            db.CommitmentVersions.AddRange(newVersions);
            db.OutboxMessages.AddRange(newEvents);
            db.PublishInsertedOnCommit();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        newCommitments.Clear();
        newVersions.Clear();
        newEvents.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var inserter in new IAsyncDisposable?[] { commitmentInserter, versionInserter, outboxInserter })
        {
            if (inserter is not null)
            {
                await inserter.DisposeAsync();
            }
        }
    }

    /// <summary>Only a dry run keeps its diff: a real import's diff is the commitments' history.</summary>
    private void Record(ImportDiffEntry entry)
    {
        if (job.DryRun)
        {
            diff.Add(entry);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var ids = batch.Select(r => r.Id).ToList();
        var existing = await db.Commitments.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.ContentHash, c.FullHash, c.Removed })
            .ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);

        var toLoad = new List<string>();
        foreach (var row in batch.ToList())
        {
            if (plans.TryGetValue(row.ActionPlanId, out var plan) && plan.MemberCode != row.MemberCode)
            {
                job.Rejected++;
                Error(new RowProblem(row.RowNumber, SheetColumns.MemberCode, row.MemberCode, $"Action plan {row.ActionPlanId} belongs to member {plan.MemberCode}."));
                batch.Remove(row);
                continue;
            }

            StageMemberAndPlan(row);
            if (!existing.TryGetValue(row.Id, out var stored))
            {
                Add(row);
            }
            else if (stored.Removed || !layout.HasEveryColumn
                || !CommitmentCells.FullHash(row.Cells, row.Extra).AsSpan().SequenceEqual(stored.FullHash))
            {
                toLoad.Add(row.Id);
            }
            else
            {
                job.Unchanged++;
            }
        }

        if (toLoad.Count > 0)
        {
            var loaded = await db.Commitments.Where(c => toLoad.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
            foreach (var row in batch.Where(r => loaded.ContainsKey(r.Id)))
            {
                Update(loaded[row.Id], row);
            }
        }

        batch.Clear();
        await SaveAsync(cancellationToken);
    }

    private void StageMemberAndPlan(ImportedRow row)
    {
        var region = row.Cells.Get(SheetColumns.Region);
        var kind = row.Cells.Get(SheetColumns.NationalOrLocal);
        if (!members.TryGetValue(row.MemberCode, out var member))
        {
            member = new Member { Code = row.MemberCode, Name = row.MemberName, Region = region, Kind = kind };
            members[member.Code] = member;
            db.Members.Add(member);
        }
        else if (member.Name != row.MemberName || (region is not null && member.Region != region) || (kind is not null && member.Kind != kind))
        {
            member.Name = row.MemberName;
            member.Region = region ?? member.Region;
            member.Kind = kind ?? member.Kind;
            dirtyMembers.Add(member.Code);
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
            db.ActionPlans.Add(plan);
            db.PublishOnCommit(new ActionPlanImported
            {
                ActionPlanId = plan.Id,
                MemberCode = plan.MemberCode,
                MemberName = row.MemberName,
                Number = number,
                SubmissionYear = submission,
                EndYear = end,
                OccurredAt = now,
            });
            Record(new ImportDiffEntry { ImportId = job.Id, Kind = ChangeKind.PlanAdded, ActionPlanId = plan.Id });
        }
        else if ((number is not null && plan.Number != number) || (submission is not null && plan.SubmissionYear != submission)
            || (end is not null && plan.EndYear != end) || (duration is not null && plan.DurationYears != duration))
        {
            plan.Number = number ?? plan.Number;
            plan.SubmissionYear = submission ?? plan.SubmissionYear;
            plan.EndYear = end ?? plan.EndYear;
            plan.DurationYears = duration ?? plan.DurationYears;
            dirtyPlans.Add(plan.Id);
        }
    }

    private void Add(ImportedRow row)
    {
        var commitment = new Commitment
        {
            Id = row.Id,
            ActionPlanId = row.ActionPlanId,
            MemberCode = row.MemberCode,
            Layout = layout.Name,
            Title = string.Empty,
            Cells = string.Empty,
            ContentHash = [],
            FullHash = [],
            Version = 1,
            FirstSeenAt = now,
        };
        var areas = Apply(commitment, row.Cells, row.Extra, row);
        newCommitments.Add(commitment);
        newVersions.Add(new CommitmentVersion { CommitmentId = row.Id, Version = 1, Kind = ChangeKind.Added, ImportId = job.Id, At = now });
        newEvents.Add(ServiceDbContext.ToOutboxMessage(new CommitmentAdded
        {
            CommitmentId = row.Id,
            ActionPlanId = row.ActionPlanId,
            MemberCode = row.MemberCode,
            Title = commitment.Title,
            PolicyAreas = areas,
            ImportId = job.Id,
            OccurredAt = now,
            Current = CommitmentCells.Snapshot(row.Cells, areas),
        }));
        Record(new ImportDiffEntry { ImportId = job.Id, Kind = ChangeKind.Added, CommitmentId = row.Id, ActionPlanId = row.ActionPlanId });
        job.Added++;
    }

    private void Update(Commitment commitment, ImportedRow row)
    {
        var before = CommitmentCells.ReadStored(commitment.Cells, commitment.FullText);
        var after = row.Cells;
        if (!layout.HasEveryColumn)
        {
            // A file without some columns leaves them as they were.
            after = new Dictionary<string, string>(before, StringComparer.Ordinal);
            foreach (var (_, column) in layout.Known)
            {
                after.Remove(column.Name);
            }

            foreach (var (name, value) in row.Cells)
            {
                after[name] = value;
            }
        }

        var changes = CommitmentCells.Diff(before, after);
        var kind = commitment.Removed ? ChangeKind.Restored : changes.Count > 0 ? ChangeKind.Changed : null;
        Apply(commitment, after, row.Extra, row);
        if (kind is null)
        {
            // Only housekeeping or extra columns moved: stored, but not news.
            job.Unchanged++;
            return;
        }

        commitment.Version++;
        commitment.Removed = false;
        commitment.RemovedAt = null;
        db.CommitmentVersions.Add(new CommitmentVersion
        {
            CommitmentId = commitment.Id,
            Version = commitment.Version,
            Kind = kind,
            ImportId = job.Id,
            At = now,
            Changes = changes.Count > 0 ? JsonSerializer.Serialize(changes, Json) : null,
        });
        if (kind == ChangeKind.Restored)
        {
            db.PublishOnCommit(new CommitmentAdded
            {
                CommitmentId = commitment.Id,
                ActionPlanId = commitment.ActionPlanId,
                MemberCode = commitment.MemberCode,
                Title = commitment.Title,
                PolicyAreas = CommitmentCells.PolicyAreas(after),
                ImportId = job.Id,
                OccurredAt = now,
                Current = CommitmentCells.Snapshot(after),
                Restored = true,
            });
            job.Restored++;
        }
        else
        {
            db.PublishOnCommit(new CommitmentChanged
            {
                CommitmentId = commitment.Id,
                ActionPlanId = commitment.ActionPlanId,
                MemberCode = commitment.MemberCode,
                Title = commitment.Title,
                Changes = changes,
                Version = commitment.Version,
                ImportId = job.Id,
                OccurredAt = now,
                Current = CommitmentCells.Snapshot(after),
            });
            job.Changed++;
        }

        Record(new ImportDiffEntry
        {
            ImportId = job.Id,
            Kind = kind,
            CommitmentId = commitment.Id,
            ActionPlanId = commitment.ActionPlanId,
            Changes = changes.Count > 0 ? JsonSerializer.Serialize(changes, Json) : null,
        });
    }

    /// <summary>Copies the cells and what derives from them onto the entity; returns the policy areas flagged.</summary>
    private List<string> Apply(Commitment commitment, Dictionary<string, string> cells, Dictionary<string, string>? extra, ImportedRow row)
    {
        var areas = CommitmentCells.PolicyAreas(cells);
        var (start, end) = OgpDate.ParsePair(cells.Get(SheetColumns.StartDate), cells.Get(SheetColumns.EndDate));
        commitment.ActionPlanId = row.ActionPlanId;
        commitment.MemberCode = row.MemberCode;
        commitment.Layout = layout.Name;
        commitment.Title = cells.Get(SheetColumns.Title) ?? string.Empty;
        commitment.ShortTitle = cells.Get(SheetColumns.ShortTitle).Clip(1000);
        commitment.FullText = cells.Get(SheetColumns.FullText);
        commitment.LeadInstitution = cells.Get(SheetColumns.LeadInstitution);
        commitment.Completion = CommitmentCells.LatestCompletion(cells).Clip(50);
        commitment.PolicyAreas = CommitmentCells.PolicyAreaSlugs(areas);
        commitment.StartDate = start?.Date;
        commitment.EndDate = end?.Date;
        commitment.Cells = CommitmentCells.SerializeStored(cells);
        commitment.ExtraCells = extra is null ? null : CommitmentCells.Serialize(extra);
        commitment.ContentHash = CommitmentCells.ContentHash(cells);
        commitment.FullHash = CommitmentCells.FullHash(cells, extra);
        commitment.UpdatedAt = now;
        commitment.LastImportId = job.Id;
        return areas;
    }

    /// <summary>A commitment of a plan in the file, of this file's layout, that the file no longer has: marked removed, kept.</summary>
    private async Task RemoveAbsentAsync(CancellationToken cancellationToken)
    {
        var plansInScope = scope.Except(unsafeToRemove).ToList();
        if (plansInScope.Count == 0)
        {
            return;
        }

        var candidates = await db.Commitments.AsNoTracking()
            .Where(c => plansInScope.Contains(c.ActionPlanId) && !c.Removed && c.Layout == layout.Name)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var absent = candidates.Where(id => !seen.ContainsKey(id)).ToList();
        foreach (var chunk in absent.Chunk(batchSize))
        {
            var commitments = await db.Commitments.Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var commitment in commitments)
            {
                commitment.Removed = true;
                commitment.RemovedAt = now;
                commitment.UpdatedAt = now;
                commitment.LastImportId = job.Id;
                commitment.Version++;
                db.CommitmentVersions.Add(new CommitmentVersion { CommitmentId = commitment.Id, Version = commitment.Version, Kind = ChangeKind.Removed, ImportId = job.Id, At = now });
                db.PublishOnCommit(new CommitmentRemoved
                {
                    CommitmentId = commitment.Id,
                    ActionPlanId = commitment.ActionPlanId,
                    MemberCode = commitment.MemberCode,
                    ImportId = job.Id,
                    OccurredAt = now,
                });
                Record(new ImportDiffEntry { ImportId = job.Id, Kind = ChangeKind.Removed, CommitmentId = commitment.Id, ActionPlanId = commitment.ActionPlanId });
                job.Removed++;
            }

            await SaveAsync(cancellationToken);
        }
    }

    private void Error(RowProblem problem)
    {
        job.ErrorCount++;
        if (storedErrors.Count < maxStoredErrors)
        {
            storedErrors.Add(new ImportRowError
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

