using CommitmentTracker.ActionPlans.Data;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// A dry run's writer: records each change as an <see cref="ImportDiffEntry"/> (what <c>GET /api/imports/{id}/changes</c>
/// lists) and writes nothing else. The stored commitments the comparer loaded are let go as they are; member and plan
/// updates and refreshed rows are not news, so they are not recorded (a real import's history has none of them either).
/// </summary>
internal sealed class DryRunWriter(ActionPlansDb db, ImportJob job) : IImportWriter
{
    public async Task WriteAsync(IReadOnlyList<ImportChange> changes, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        foreach (var change in changes)
        {
            if (Entry(change) is { } entry)
            {
                db.ImportDiffEntries.Add(entry);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task CompleteAsync(ImportEnd end, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        // Only the runner that still holds the job ends it (ImportLease), in one transaction with the job's outcome.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ImportLease.EnsureHeldAsync(db, job, cancellationToken);
        db.ImportRowErrors.AddRange(end.Errors);
        db.ImportJobs.Update(job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The entry a change is listed as; null for what a real import writes without a version (members, refreshed rows).</summary>
    private ImportDiffEntry? Entry(ImportChange change) => change switch
    {
        PlanAdded added => new ImportDiffEntry { ImportId = job.Id, Kind = ChangeKind.PlanAdded, ActionPlanId = added.Plan.Id },
        RowAdded added => new ImportDiffEntry { ImportId = job.Id, Kind = ChangeKind.Added, CommitmentId = added.Row.Id, ActionPlanId = added.Row.ActionPlanId },
        RowChanged changed => new ImportDiffEntry
        {
            ImportId = job.Id,
            Kind = changed.Kind,
            CommitmentId = changed.Stored.Id,
            ActionPlanId = changed.Row.ActionPlanId,
            Changes = changed.ChangesJson(),
        },
        CommitmentAbsent absent => new ImportDiffEntry { ImportId = job.Id, Kind = ChangeKind.Removed, CommitmentId = absent.Stored.Id, ActionPlanId = absent.Stored.ActionPlanId },
        _ => null,
    };
}
