using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>Deletes the files of dry runs kept longer than <see cref="ImportOptions.DryRunFileRetention"/>, at every scheduler tick.</summary>
internal sealed partial class DryRunFileSweeper(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<ImportOptions> options, IHostApplicationLifetime lifetime, ILogger<DryRunFileSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SchedulerTick, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
                await DryRunFiles.SweepAsync(db, time.GetUtcNow().UtcDateTime - options.Value.DryRunFileRetention, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Deleting expired dry-run files failed; trying again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
