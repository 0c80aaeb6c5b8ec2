using CommitmentTracker.ServiceDefaults;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Runs this process's queued imports one at a time. Each is claimed first (<see cref="ImportLease"/>): an import another
/// instance has taken is skipped. Jobs left by stopped instances come back through <see cref="ImportJobSweeper"/>.
/// </summary>
internal sealed partial class ImportWorker(ImportQueue queue, ImportRunner runner, IHostApplicationLifetime lifetime, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrations run at start; the tables exist once the application has started.
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        await foreach (var importId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.RunAsync(importId, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The claim could not be made (the database is down): the sweeper queues the job again.
                LogClaimFailed(logger, e, importId);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Import {ImportId} could not be started; the sweeper queues it again")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, Guid importId);
}
