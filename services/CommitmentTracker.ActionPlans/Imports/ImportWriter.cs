using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// A real import's writer: applies each batch of changes inside one transaction, every change that is news with its
/// version and its event in the outbox; at the end the members' and plans' updates, the row errors, the job and
/// <see cref="ImportCompleted"/>, then the commit. Until then nothing is visible, and a failure leaves nothing behind.
/// </summary>
/// <remarks>
/// New commitments, their first versions and their events go in after the batch's other changes: on SQLite through
/// prepared inserts (<see cref="BulkInserter"/>; the change tracker costs far more than SQLite does), elsewhere through
/// EF. Changed, restored, refreshed and removed commitments are the comparer's loaded entities, changed in place, so EF
/// writes only the columns that moved and checks their version.
/// </remarks>
internal sealed class ImportWriter : IImportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ActionPlansDb db;
    private readonly ImportJob job;
    private readonly ImportStamp stamp;
    private readonly bool bulk;
    private readonly TimeProvider time;
    private readonly IDbContextTransaction transaction;
    private readonly ImportPhases phases;
    private readonly List<Commitment> newCommitments = [];
    private readonly List<CommitmentVersion> newVersions = [];
    private readonly List<OutboxMessage> newEvents = [];
    private readonly HashSet<string> touchedMembers = new(StringComparer.Ordinal);
    private readonly ThreadLinking threadLinking;
    private BulkInserter<Commitment>? commitmentInserter;
    private BulkInserter<CommitmentVersion>? versionInserter;
    private BulkInserter<OutboxMessage>? outboxInserter;

    private ImportWriter(ActionPlansDb db, ImportJob job, ImportStamp stamp, bool bulk, TimeProvider time, IDbContextTransaction transaction, ImportPhases phases, ThreadLinking threadLinking)
    {
        this.threadLinking = threadLinking;
        this.time = time;
        this.phases = phases;
        this.db = db;
        this.job = job;
        this.stamp = stamp;
        this.bulk = bulk;
        this.transaction = transaction;
    }

    /// <summary>What every commitment this import writes carries of it; the parser builds new commitments with it too (<see cref="NewCommitment"/>).</summary>
    public ImportStamp Stamp => stamp;

    /// <summary>Begins the import's transaction (before the comparer reads anything, so it compares with what it writes over).</summary>
    public static async Task<ImportWriter> StartAsync(ActionPlansDb db, ImportJob job, string layout, DateTime startedAt, ImportOptions options, TimeProvider time, ImportPhases phases, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return new ImportWriter(
            db, job, new ImportStamp(job.Id, layout, startedAt), options.BulkInsert && db.Database.IsSqlite(), time, transaction, phases, ThreadLinking.Start(cancellationToken));
    }

    /// <summary>The event every import ends with, also when it was rejected or failed.</summary>
    public static ImportCompleted Completed(ImportJob job, DateTimeOffset at) => new()
    {
        ImportId = job.Id,
        Source = job.Source,
        Status = job.Status,
        RowsRead = job.RowsRead,
        Added = job.Added,
        Changed = job.Changed,
        Unchanged = job.Unchanged,
        Removed = job.Removed,
        Rejected = job.Rejected,
        ActionPlanIds = job.ActionPlanIds is null ? [] : JsonSerializer.Deserialize<List<string>>(job.ActionPlanIds, Json) ?? [],
        OccurredAt = at,
    };

    public async Task WriteAsync(IReadOnlyList<ImportChange> changes, CancellationToken cancellationToken)
    {
        var staging = ImportPhases.Now();
        foreach (var change in changes)
        {
            switch (change)
            {
                case MemberAdded added:
                    db.Members.Add(added.Member);
                    break;
                case PlanAdded added:
                    AddPlan(added);
                    break;
                case RowAdded added:
                    StageNew(added.Row);
                    touchedMembers.Add(added.Row.MemberCode);
                    break;
                case RowChanged changed:
                    Change(changed);
                    touchedMembers.Add(changed.Stored.MemberCode);
                    break;
                case RowRefreshed refreshed:
                    // Only housekeeping or extra columns moved: stored, but not news.
                    CommitmentFields.Apply(refreshed.Stored, refreshed.Cells, refreshed.Row, stamp);
                    break;
                case CommitmentAbsent absent:
                    Remove(absent.Stored);
                    break;
                default:
                    throw new InvalidOperationException($"No way to write a {change.GetType().Name}.");
            }
        }

        phases.Stage(staging);
        var saving = ImportPhases.Now();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        phases.Save(saving);
        var inserting = ImportPhases.Now();
        await InsertNewAsync(cancellationToken);
        phases.Insert(inserting);
    }

    public async Task CompleteAsync(ImportEnd end, CancellationToken cancellationToken)
    {
        var completing = ImportPhases.Now();
        foreach (var member in end.UpdatedMembers)
        {
            db.Members.Update(member);
        }

        foreach (var plan in end.UpdatedPlans)
        {
            db.ActionPlans.Update(plan);
        }

        db.ImportRowErrors.AddRange(end.Errors);
        db.ImportJobs.Update(job);
        // Reform threads of the members whose commitments came or moved, in the import's transaction (docs/imports.md).
        var linking = ImportPhases.Now();
        var links = await threadLinking.ProposeAsync(db, touchedMembers, job.Id, stamp.At, cancellationToken);
        if (bulk)
        {
            // The new links, their audits and their events go through prepared inserts too, untracked: EF's SaveChanges
            // of a first import's thousands of them was seconds of this step, and tracking them tenths of one.
            // ImportCompleted and the job follow with EF.
            await BulkInserter.InsertAllAsync(db, links.Links, cancellationToken);
            await BulkInserter.InsertAllAsync(db, links.Audits, cancellationToken);
            if (links.Events.Count > 0)
            {
                outboxInserter ??= await BulkInserter.CreateAsync<OutboxMessage>(db, cancellationToken);
                foreach (var linked in links.Events)
                {
                    outboxInserter.Insert(ServiceDbContext.ToOutboxMessage(linked));
                }

                db.PublishInsertedOnCommit();
            }
        }
        else
        {
            db.CommitmentLinks.AddRange(links.Links);
            db.CommitmentLinkAudits.AddRange(links.Audits);
            foreach (var linked in links.Events)
            {
                db.PublishOnCommit(linked);
            }
        }

        phases.Threads(linking);

        // Completed when everything it writes is written: linking included, which can be a good part of the import.
        job.CompletedAt = time.GetUtcNow().UtcDateTime;
        // Only the runner that still holds the job ends it; this also keeps any other instance from claiming it until the commit.
        await ImportLease.EnsureHeldAsync(db, job, cancellationToken);
        db.PublishOnCommit(Completed(job, new DateTimeOffset(stamp.At, TimeSpan.Zero)));
        var saving = ImportPhases.Now();
        await db.SaveChangesAsync(cancellationToken);
        phases.FinalSave(saving);
        var committing = ImportPhases.Now();
        await transaction.CommitAsync(cancellationToken);
        phases.Commit(committing);
        phases.Complete(completing);
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

        await threadLinking.DisposeAsync();
        await transaction.DisposeAsync();
    }

    private void AddPlan(PlanAdded added)
    {
        db.ActionPlans.Add(added.Plan);
        db.PublishOnCommit(new ActionPlanImported
        {
            ActionPlanId = added.Plan.Id,
            MemberCode = added.Plan.MemberCode,
            MemberName = added.MemberName,
            Number = added.Number,
            SubmissionYear = added.SubmissionYear,
            EndYear = added.EndYear,
            OccurredAt = stamp.At,
        });
    }

    private void StageNew(ImportedRow row)
    {
        // Built while parsing for a row of a plan the database did not hold (NewCommitment).
        var staged = row.New ?? NewCommitment.Of(row, stamp);
        newCommitments.Add(staged.Commitment);
        newVersions.Add(staged.FirstVersion);
        newEvents.Add(staged.Added);
    }

    private void Change(RowChanged changed)
    {
        var commitment = changed.Stored;
        var after = changed.Cells;
        CommitmentFields.Apply(commitment, after, changed.Row, stamp);
        commitment.Version++;
        commitment.Removed = false;
        commitment.RemovedAt = null;
        db.CommitmentVersions.Add(new CommitmentVersion
        {
            CommitmentId = commitment.Id,
            Version = commitment.Version,
            Kind = changed.Kind,
            ImportId = job.Id,
            At = stamp.At,
            Changes = changed.ChangesJson(),
        });
        if (changed.Kind == ChangeKind.Restored)
        {
            db.PublishOnCommit(new CommitmentAdded
            {
                CommitmentId = commitment.Id,
                ActionPlanId = commitment.ActionPlanId,
                MemberCode = commitment.MemberCode,
                Title = commitment.Title,
                PolicyAreas = CommitmentCells.PolicyAreas(after),
                ImportId = job.Id,
                OccurredAt = stamp.At,
                Current = CommitmentCells.Snapshot(after),
                Restored = true,
            });
        }
        else
        {
            db.PublishOnCommit(new CommitmentChanged
            {
                CommitmentId = commitment.Id,
                ActionPlanId = commitment.ActionPlanId,
                MemberCode = commitment.MemberCode,
                Title = commitment.Title,
                Changes = changed.Changes,
                Version = commitment.Version,
                ImportId = job.Id,
                OccurredAt = stamp.At,
                Current = CommitmentCells.Snapshot(after),
            });
        }
    }

    private void Remove(Commitment commitment)
    {
        commitment.Removed = true;
        commitment.RemovedAt = stamp.At;
        commitment.UpdatedAt = stamp.At;
        commitment.LastImportId = job.Id;
        commitment.Version++;
        db.CommitmentVersions.Add(new CommitmentVersion { CommitmentId = commitment.Id, Version = commitment.Version, Kind = ChangeKind.Removed, ImportId = job.Id, At = stamp.At });
        db.PublishOnCommit(new CommitmentRemoved
        {
            CommitmentId = commitment.Id,
            ActionPlanId = commitment.ActionPlanId,
            MemberCode = commitment.MemberCode,
            ImportId = job.Id,
            OccurredAt = stamp.At,
        });
    }

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
                await threadLinking.AddAsync(newCommitments[i], cancellationToken);
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
            foreach (var commitment in newCommitments)
            {
                await threadLinking.AddAsync(commitment, cancellationToken);
            }
        }

        newCommitments.Clear();
        newVersions.Clear();
        newEvents.Clear();
    }
}
