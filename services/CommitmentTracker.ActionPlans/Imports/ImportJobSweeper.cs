using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// At start and every <see cref="ImportOptions.LeaseDuration"/>, queues here the jobs nobody is running: queued ones
/// (their instance may have stopped before starting them) and running ones whose lease has passed (their runner died).
/// Only jobs whose file this process can reach: a source pull, or a file on this machine's disk. A job with a live lease
/// is left to its runner. Two instances may queue the same job; the claim decides which one runs it.
/// </summary>
internal sealed partial class ImportJobSweeper(
    ImportQueue queue, IServiceScopeFactory scopes, TimeProvider time, IOptions<ImportOptions> options, IHostApplicationLifetime lifetime, ILogger<ImportJobSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrations run at start; the tables exist once the application has started.
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.LeaseDuration, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues the jobs nobody runs; returns how many were added to this process's queue.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var unclaimed = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportStatus.Queued || (j.Status == ImportStatus.Running && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now)))
            .OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.SourceName, j.FilePath })
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var job in unclaimed.Where(j => j.SourceName is not null || File.Exists(j.FilePath)))
        {
            if (queue.Enqueue(job.Id))
            {
                added++;
            }
        }

        return added;
    }

    [LoggerMessage(LogLevel.Warning, "Looking for import jobs nobody runs failed; trying again at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
