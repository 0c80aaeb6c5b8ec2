using CommitmentTracker.Engagement.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>
/// Reassesses every member with an OCDS publication every <c>Engagement:FreshnessCheckInterval</c>. A publication goes
/// stale by the calendar alone, with no event or import to trigger a reassessment; without this sweep that dip would
/// wait for the member's next event. Reassessing the same facts moves nothing, so each instance may sweep on its own;
/// when two instances move the same member at once, the history's unique version lets one commit and the other skip.
/// </summary>
internal sealed partial class FreshnessSweep(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<EngagementOptions> options,
    ILogger<FreshnessSweep> logger) : BackgroundService
{
    public const string Trigger = "freshness-check";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FreshnessCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var moved = await SweepAsync(stoppingToken);
                LogSwept(logger, moved);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    /// <summary>Reassesses each member with a mapped publication, one transaction per member; returns how many moved.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        List<string> members;
        await using (var scope = scopes.CreateAsyncScope())
        {
            members = await scope.ServiceProvider.GetRequiredService<EngagementDb>().OcdsPublications
                .Where(p => p.MemberCode != null).Select(p => p.MemberCode!).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        }

        var moved = 0;
        foreach (var member in members)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
            if (!await scope.ServiceProvider.GetRequiredService<EngagementAssessor>().ReassessAsync(db, member, Trigger, [], cancellationToken))
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                moved++;
            }
            catch (DbUpdateException)
            {
                // Another instance (or a consumer) stored this member's next version first; it saw the same calendar.
                LogMemberSkipped(logger, member);
            }
        }

        return moved;
    }

    [LoggerMessage(LogLevel.Information, "Freshness check: {Moved} member assessments moved")]
    private static partial void LogSwept(ILogger logger, int moved);

    [LoggerMessage(LogLevel.Error, "Freshness check failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Debug, "Freshness check skipped {Member}: its assessment was moved concurrently")]
    private static partial void LogMemberSkipped(ILogger logger, string member);
}
