using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Runs this process's imports one at a time. At start it takes back the jobs a stopped process left queued or running
/// (nothing of theirs was committed) whose files are on this machine.
/// </summary>
internal sealed class ImportWorker(ImportQueue queue, ImportRunner runner, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Migrations run at start; the tables exist once the application has started.
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        await RecoverAsync(stoppingToken);
        await foreach (var importId in queue.ReadAllAsync(stoppingToken))
        {
            await runner.RunAsync(importId, stoppingToken);
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var unfinished = await db.ImportJobs
            .Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .OrderBy(j => j.CreatedAt)
            .ToListAsync(stoppingToken);
        foreach (var job in unfinished.Where(j => j.SourceName is not null || File.Exists(j.FilePath)))
        {
            job.Status = ImportStatus.Queued;
            queue.Enqueue(job.Id);
        }

        await db.SaveChangesAsync(stoppingToken);
    }
}
