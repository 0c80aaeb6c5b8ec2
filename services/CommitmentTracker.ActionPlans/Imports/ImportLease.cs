using CommitmentTracker.ActionPlans.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// A running import's hold on its job, so that several instances on one database never run the same job twice. A job
/// is started only by one conditional UPDATE (<see cref="ClaimAsync"/>: queued, or running with a lease that has passed);
/// its runner renews the lease every <see cref="ImportOptions.LeaseRenewal"/>, each time only if it still holds it. When
/// a renewal finds the job taken, <see cref="Lost"/> is cancelled and the run stops; the final write checks the hold
/// again inside its own transaction (<see cref="EnsureHeldAsync"/>), so a run that lost its job commits nothing.
/// </summary>
internal sealed partial class ImportLease : IAsyncDisposable
{
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    private ImportLease(IServiceScopeFactory scopes, ImportJob job, TimeProvider time, ImportOptions options, ILogger logger) =>
        renewing = RenewAsync(scopes, job.Id, job.RunnerId!, time, options, logger);

    /// <summary>Cancelled once this runner no longer holds the job.</summary>
    public CancellationToken Lost => lost.Token;

    public bool IsLost => lost.IsCancellationRequested;

    /// <summary>
    /// Takes the job for <paramref name="runnerId"/> if it is queued, or running with a passed lease (its runner died):
    /// one atomic UPDATE, so of several claims at once exactly one wins. Returns the job as claimed, or null when another
    /// runner has it or it has ended.
    /// </summary>
    public static async Task<ImportJob?> ClaimAsync(ActionPlansDb db, Guid importId, string runnerId, TimeProvider time, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var claimed = await db.ImportJobs
            .Where(j => j.Id == importId
                && (j.Status == ImportStatus.Queued || (j.Status == ImportStatus.Running && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now))))
            .ExecuteUpdateAsync(
                j => j.SetProperty(x => x.Status, ImportStatus.Running)
                    .SetProperty(x => x.StartedAt, now)
                    .SetProperty(x => x.RunnerId, runnerId)
                    .SetProperty(x => x.LeaseExpiresAt, until),
                cancellationToken);
        return claimed == 1 ? await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == importId, cancellationToken) : null;
    }

    /// <summary>Starts renewing the lease of a job this process has just claimed.</summary>
    public static ImportLease Hold(IServiceScopeFactory scopes, ImportJob job, TimeProvider time, ImportOptions options, ILogger logger) =>
        new(scopes, job, time, options, logger);

    /// <summary>
    /// Checks, inside the caller's transaction, that <paramref name="job"/>'s runner still holds it, and ends the lease
    /// (the job is about to end). The UPDATE locks the job's row until the transaction ends (SQLite: the whole database),
    /// so no other instance can claim it in between. Throws <see cref="ImportLeaseLostException"/> when another runner has it.
    /// </summary>
    public static async Task EnsureHeldAsync(ActionPlansDb db, ImportJob job, CancellationToken cancellationToken)
    {
        var held = await Held(db, job.Id, job.RunnerId).ExecuteUpdateAsync(j => j.SetProperty(x => x.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        if (held == 0)
        {
            throw new ImportLeaseLostException(job.Id);
        }

        job.LeaseExpiresAt = null;
    }

    /// <summary>
    /// Gives a job back to the queue when this process stops in the middle of it, so another instance takes it at once
    /// instead of after the lease; does nothing if another runner has it already.
    /// </summary>
    public static Task HandBackAsync(ActionPlansDb db, ImportJob job) =>
        Held(db, job.Id, job.RunnerId).ExecuteUpdateAsync(
            j => j.SetProperty(x => x.Status, ImportStatus.Queued).SetProperty(x => x.LeaseExpiresAt, (DateTime?)null),
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
        lost.Dispose();
    }

    private static IQueryable<ImportJob> Held(ActionPlansDb db, Guid importId, string? runnerId) =>
        db.ImportJobs.Where(j => j.Id == importId && j.RunnerId == runnerId && j.Status == ImportStatus.Running);

    private async Task RenewAsync(IServiceScopeFactory scopes, Guid importId, string runnerId, TimeProvider time, ImportOptions options, ILogger logger)
    {
        using var timer = new PeriodicTimer(options.LeaseRenewal, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
                    var until = time.GetUtcNow().UtcDateTime + options.LeaseDuration;
                    var renewed = await Held(db, importId, runnerId).ExecuteUpdateAsync(j => j.SetProperty(x => x.LeaseExpiresAt, until), stop.Token);
                    if (renewed == 0)
                    {
                        if (!stop.IsCancellationRequested)
                        {
                            LogLost(logger, importId);
                            await lost.CancelAsync();
                        }

                        return;
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // The database may be down: nobody can claim the job then either. The final write checks again.
                    LogRenewalFailed(logger, e, importId);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run has ended.
        }
    }

    [LoggerMessage(LogLevel.Warning, "Import {ImportId}: another instance has taken the job (this instance's lease passed); this run stops and writes nothing")]
    private static partial void LogLost(ILogger logger, Guid importId);

    [LoggerMessage(LogLevel.Warning, "Import {ImportId}: renewing the lease failed; trying again at the next renewal")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, Guid importId);
}

/// <summary>The import's runner no longer holds its job: another instance took it after the lease passed.</summary>
internal sealed class ImportLeaseLostException(Guid importId)
    : Exception($"Import {importId} was taken by another instance; this run wrote nothing.");
