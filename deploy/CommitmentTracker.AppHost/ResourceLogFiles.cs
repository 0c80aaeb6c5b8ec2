using System.Text;
using Microsoft.Extensions.Hosting;

namespace CommitmentTracker.AppHost;

/// <summary>
/// Copies every resource's console output to <c>$CT_STATE_DIR/logs/&lt;resource&gt;.log</c>, as distributed.sh wrote
/// them before the AppHost: <c>distributed.sh logs</c> and test failures point there, and they outlive the dashboard.
/// </summary>
internal sealed class ResourceLogFiles(DistributedApplicationModel model, ResourceLoggerService logs, LocalSettings settings) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(settings.LogDirectory);
        return Task.WhenAll(model.Resources.Select(resource => CopyAsync(resource, stoppingToken)));
    }

    private async Task CopyAsync(IResource resource, CancellationToken stoppingToken)
    {
        var path = Path.Combine(settings.LogDirectory, resource.Name + ".log");
        await using var file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8) { AutoFlush = true };
        await file.WriteLineAsync($"===== {resource.Name}: AppHost started {DateTimeOffset.Now:O} =====");
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stoppingToken))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(line.Content);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }
}
