using CommitmentTracker.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Recompute;

/// <summary>Works through recomputations: woken when one is started in this instance, else every <c>Tagging:RecomputePollingInterval</c>.</summary>
internal sealed partial class RecomputeWorker(
    IServiceScopeFactory scopes, RecomputeSignal signal, IOptions<TaggingOptions> options, IHostApplicationLifetime lifetime, ILogger<RecomputeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken))
                {
                    // A job was worked: look for another at once.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a failed job or a database outage; it logs and looks again later.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRecomputeFailed(logger, exception);
            }

            await signal.WaitAsync(options.Value.RecomputePollingInterval, stoppingToken);
        }
    }

    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Recomputation>().RunNextAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A recomputation of the tag suggestions failed; it is marked failed and can be started again.")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception exception);
}
