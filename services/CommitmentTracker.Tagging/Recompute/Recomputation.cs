using CommitmentTracker.Persistence;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Recompute;

/// <summary>
/// Recomputes the suggestions of every stored commitment after the rules, mappings, calibration or thresholds changed.
/// One job at a time (a unique index on unfinished jobs): starting while one is unfinished answers that one. Whichever
/// instance takes the job's lease works through the commitments in id order, a batch per transaction that saves the
/// suggestions, their audit and events, and the job's progress (where the next batch starts) together; a lease another
/// instance took over (this one was too slow) rolls the batch back. Nothing a liaison decided is changed
/// (<see cref="CommitmentProjection.RecomputeAsync"/>).
/// </summary>
internal sealed class Recomputation(TaggingDb db, CommitmentProjection projection, RecomputeSignal signal, TimeProvider time, IOptions<TaggingOptions> options)
{
    private const int MaxConflictsPerBatch = 3;

    /// <summary>Starts a job, or answers the unfinished one (<c>Created</c> false).</summary>
    public async Task<(RecomputeJob Job, bool Created)> StartAsync(string? actor, string? reason, CancellationToken cancellationToken)
    {
        if (await db.RecomputeJobs.AsNoTracking().FirstOrDefaultAsync(j => j.IsActive, cancellationToken) is { } unfinished)
        {
            return (unfinished, false);
        }

        var job = new RecomputeJob
        {
            Status = RecomputeStatus.Queued, RequestedBy = actor, Reason = reason, RequestedAt = time.GetUtcNow().UtcDateTime,
            Total = await db.Commitments.CountAsync(c => !c.Removed, cancellationToken),
        };
        db.RecomputeJobs.Add(job);
        db.WakeOnCommit(signal);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (job, true);
        }
        catch (DbUpdateException)
        {
            // Another caller started one at the same moment: the unique index kept one.
            db.ChangeTracker.Clear();
            return (await db.RecomputeJobs.AsNoTracking().FirstAsync(j => j.IsActive, cancellationToken), false);
        }
    }

    /// <summary>Takes the lease of an unfinished job nobody holds and works it to the end. False when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await db.RecomputeJobs.ClaimAsync(
            now => j => j.IsActive && (j.LockedUntil == null || j.LockedUntil < now),
            (claimable, _) => claimable.OrderBy(j => j.Id),
            batchSize: 1, settings.RecomputeLease, time, read: null, cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        var (id, token) = (claimed[0].Id, claimed[0].LockToken);
        var conflicts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var job = await db.RecomputeJobs.FirstOrDefaultAsync(j => j.Id == id && j.LockToken == token, cancellationToken);
            if (job is null)
            {
                return true; // another instance took it over
            }

            try
            {
                if (!await RunBatchAsync(job, settings, cancellationToken))
                {
                    return true;
                }

                conflicts = 0;
            }
            catch (DbUpdateConcurrencyException) when (++conflicts <= MaxConflictsPerBatch)
            {
                // A liaison or a commitment event changed the same rows, or the lease moved: read again and retry the batch.
            }
#pragma warning disable CA1031 // A job that cannot go on is marked failed with its reason; the worker carries on.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                db.ChangeTracker.Clear();
                await db.RecomputeJobs.Where(j => j.Id == id && j.LockToken == token).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, RecomputeStatus.Failed).SetProperty(j => j.IsActive, false)
                    .SetProperty(j => j.FinishedAt, time.GetUtcNow().UtcDateTime).SetProperty(j => j.Error, exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message)
                    .SetProperty(j => j.LockToken, (Guid?)null).SetProperty(j => j.LockedUntil, (DateTime?)null), CancellationToken.None);
                throw;
            }
        }

        return true;
    }

    /// <summary>One batch of commitments after the job's last one, saved with the job's progress. False when the job is done.</summary>
    private async Task<bool> RunBatchAsync(RecomputeJob job, TaggingOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var last = job.LastCommitmentId;
#pragma warning disable CA1309 // Translated to SQL: the database compares the ids, as it orders them below.
        var batch = await db.Commitments
            .Where(c => !c.Removed && (last == null || string.Compare(c.Id, last) > 0))
            .OrderBy(c => c.Id).Take(settings.RecomputeBatchSize)
            .ToListAsync(cancellationToken);
#pragma warning restore CA1309
        job.Status = batch.Count == 0 ? RecomputeStatus.Succeeded : RecomputeStatus.Running;
        job.StartedAt ??= now;
        if (batch.Count == 0)
        {
            job.IsActive = false;
            job.FinishedAt = now;
            job.LockToken = null;
            job.LockedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var rules = await projection.ReadRulesAsync(db, cancellationToken);
        var counts = new RecomputeCounts();
        foreach (var commitment in batch)
        {
            await projection.RecomputeAsync(db, commitment, rules, counts, cancellationToken);
        }

        job.Processed += batch.Count;
        job.Total = Math.Max(job.Total, job.Processed);
        job.Added += counts.Added;
        job.Updated += counts.Updated;
        job.Superseded += counts.Superseded;
        job.LastCommitmentId = batch[^1].Id;
        job.LockedUntil = time.GetUtcNow().UtcDateTime + settings.RecomputeLease;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
