using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>
/// Reassesses every member every <c>Engagement:FreshnessCheckInterval</c>. Some facts change with the calendar alone: a
/// publication goes stale, a new plan's grace period for tagging ends. With no event or import to trigger a reassessment,
/// those dips would otherwise wait for the member's next event. Reassessing the same facts moves nothing, so each instance
/// may sweep on its own. Within an instance a member is held (<see cref="MemberGate"/>) while it is reassessed and saved;
/// when two instances move the same member at once, the history's unique version lets one commit and the other skip.
/// A member's reassessment reads only its own rows (milliseconds), so sweeping all is cheap.
/// </summary>
internal sealed partial class FreshnessSweep(
    IServiceScopeFactory scopes,
    MemberGate gate,
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

    /// <summary>Reassesses each member, one transaction per member; returns how many moved.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        List<string> members;
        await using (var scope = scopes.CreateAsyncScope())
        {
            members = await scope.ServiceProvider.GetRequiredService<EngagementDb>().Members
                .Select(m => m.Code).OrderBy(c => c).ToListAsync(cancellationToken);
        }

        var moved = 0;
        foreach (var member in members)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDb>();
            using var held = await gate.EnterAsync([member], cancellationToken);
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
