using Microsoft.Extensions.Hosting;

namespace CommitmentTracker.ServiceDefaults;

/// <summary>For background services that must not run before the application has started.</summary>
public static class ApplicationLifetimeExtensions
{
    /// <summary>
    /// Waits until the application has started: migrations have run and endpoints are bound, so the tables a worker
    /// reads exist. Returns false when the application stops first.
    /// </summary>
    public static async Task<bool> WaitForStartAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
