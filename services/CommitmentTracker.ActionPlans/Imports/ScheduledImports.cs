using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Pulls each source with an <c>Interval</c> when it is due: a conditional GET with the last validators, and an
/// import queued only when the file changed. The due time is claimed with one atomic UPDATE, so several instances
/// never pull the same source twice.
/// </summary>
internal sealed partial class ScheduledImports(
    IServiceScopeFactory scopes,
    IImportSourceDownloader downloader,
    ImportQueue queue,
    TimeProvider time,
    IOptions<ImportOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ScheduledImports> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduled = options.Value.Sources.Where(s => s.Value.Interval is not null).Select(s => s.Key).ToList();
        if (scheduled.Count == 0)
        {
            return;
        }

        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SchedulerTick, time);
        do
        {
            foreach (var name in scheduled)
            {
                try
                {
                    await PullIfDueAsync(name, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPullFailed(logger, e, name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task PullIfDueAsync(string name, CancellationToken cancellationToken)
    {
        var source = options.Value.Sources[name];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var now = time.GetUtcNow().UtcDateTime;
        if (!await db.ImportSourceStates.AnyAsync(s => s.Name == name, cancellationToken))
        {
            db.ImportSourceStates.Add(new ImportSourceState { Name = name, NextDueAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance added it first.
            }

            db.ChangeTracker.Clear();
        }

        var next = now + source.Interval!.Value;
        var claimed = await db.ImportSourceStates
            .Where(s => s.Name == name && s.NextDueAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, next), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var state = await db.ImportSourceStates.FirstAsync(s => s.Name == name, cancellationToken);
        state.LastCheckedAt = now;
        try
        {
            var downloaded = await downloader.DownloadAsync(name, new SourceValidators(state.ETag, state.LastModified), cancellationToken);
            if (downloaded is null)
            {
                state.LastOutcome = "not-modified";
            }
            else
            {
                var job = new ImportJob
                {
                    Id = Guid.CreateVersion7(),
                    Source = name,
                    SourceName = name,
                    Format = "csv",
                    Status = ImportStatus.Queued,
                    RequestedBy = "schedule",
                    CreatedAt = now,
                    FilePath = downloaded.Path,
                    FileBytes = downloaded.Bytes,
                };
                db.ImportJobs.Add(job);
                (state.ETag, state.LastModified, state.LastImportId) = (downloaded.Validators.ETag, downloaded.Validators.LastModified, job.Id);
                state.LastOutcome = "imported";
                await db.SaveChangesAsync(cancellationToken);
                queue.Enqueue(job.Id);
                return;
            }
        }
        catch (ImportRejectedException e)
        {
            state.LastOutcome = e.Message.Clip(1000);
            LogPullRejected(logger, name, e.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Error, "Scheduled pull of source {Source} failed")]
    private static partial void LogPullFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(LogLevel.Warning, "Scheduled pull of source {Source}: {Reason}")]
    private static partial void LogPullRejected(ILogger logger, string source, string reason);
}
