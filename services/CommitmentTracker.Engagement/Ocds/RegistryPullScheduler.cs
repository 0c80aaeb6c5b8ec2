using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Ocds;

/// <summary>
/// Pulls the configured registry file (<c>Engagement:Ocds:SourceUrl</c>) every <c>PullInterval</c>: a conditional GET
/// with the last validators, within <c>MaxFileBytes</c> and <c>PullTimeout</c>, then the same checks and import as an
/// upload. The due time is claimed with one atomic UPDATE, so several instances never pull twice. A rejected file
/// changes nothing; the outcome is kept in <see cref="RegistryPullState"/> and logged.
/// </summary>
internal sealed partial class RegistryPullScheduler(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    TimeProvider time,
    IOptions<EngagementOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<RegistryPullScheduler> logger) : BackgroundService
{
    public const string HttpClientName = "ocds-registry";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Ocds;
        if (settings.SourceUrl is null || settings.PullInterval is null)
        {
            return;
        }

        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.SchedulerTick, time);
        do
        {
            try
            {
                await PullIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPullFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task PullIfDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Ocds;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
        var now = time.GetUtcNow().UtcDateTime;
        const string name = RegistryPullState.RegistryName;
        if (!await db.RegistryPulls.AnyAsync(s => s.Name == name, cancellationToken))
        {
            db.RegistryPulls.Add(new RegistryPullState { Name = name, NextDueAt = now });
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

        var next = now + settings.PullInterval!.Value;
        var claimed = await db.RegistryPulls.Where(s => s.Name == name && s.NextDueAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDueAt, next), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var state = await db.RegistryPulls.FirstAsync(s => s.Name == name, cancellationToken);
        state.LastCheckedAt = now;
        (state.LastResult, state.LastOutcome) = await PullAsync(state, settings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(string Result, string Outcome)> PullAsync(RegistryPullState state, OcdsOptions settings, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        DownloadResult? downloaded;
        try
        {
            downloaded = await BoundedDownload.GetAsync(
                clients.CreateClient(HttpClientName), RegistryPullState.RegistryName, settings.SourceUrl!, buffer, settings.MaxFileBytes, settings.PullTimeout,
                new DownloadValidators(state.ETag, state.LastModified), cancellationToken);
        }
        catch (DownloadRejectedException e)
        {
            LogPullRejected(logger, e.Message);
            return (RegistryPullState.Rejected, e.Message.Clip(OutcomeLength));
        }

        if (downloaded is null)
        {
            return (RegistryPullState.NotModified, "not modified since the last pull");
        }

        var reading = RegistryFile.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (reading.Errors.Count > 0)
        {
            var reason = $"The registry file is not valid; nothing was imported: {string.Join("; ", reading.Errors.Select(e => $"{e.Key}: {e.Value[0]}"))}";
            LogPullRejected(logger, reason);
            return (RegistryPullState.Rejected, reason.Clip(OutcomeLength));
        }

        // The import has a context of its own: one that lost a race starts over from a clean context, and must not take
        // this pull's state with it.
        OcdsImportResult result;
        await using (var importScope = scopes.CreateAsyncScope())
        {
            result = await importScope.ServiceProvider.GetRequiredService<OcdsImporter>().ImportAsync(
                importScope.ServiceProvider.GetRequiredService<EngagementDb>(), reading.Publications, "scheduled", cancellationToken);
        }

        (state.ETag, state.LastModified) = (downloaded.Validators.ETag, downloaded.Validators.LastModified);
        LogPulled(logger, result.Publications, result.Mapped, string.Join(", ", result.Unmapped.Select(u => u.Country)));
        return (RegistryPullState.Imported, $"imported {result.Publications} publications, {result.Mapped} mapped; unmapped: {(result.Unmapped.Count == 0 ? "none" : string.Join(", ", result.Unmapped.Select(u => u.Country)))}".Clip(OutcomeLength));
    }

    /// <summary>The width of <c>RegistryPulls.LastOutcome</c>.</summary>
    private const int OutcomeLength = 1000;

    [LoggerMessage(LogLevel.Error, "Scheduled pull of the OCP Data Registry failed")]
    private static partial void LogPullFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Scheduled pull of the OCP Data Registry: {Reason}")]
    private static partial void LogPullRejected(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Scheduled pull of the OCP Data Registry imported {Publications} publications, {Mapped} mapped; unmapped names: {Unmapped}")]
    private static partial void LogPulled(ILogger logger, int publications, int mapped, string unmapped);
}
