using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>A publication goes stale by the calendar alone: the periodic freshness check turns that into a dip, once.</summary>
public sealed class FreshnessSweepTests : IDisposable
{
    private readonly MovableClock clock = new(EngagementFactory.RegistryDay);
    private readonly EngagementFactory factory;

    public FreshnessSweepTests() =>
        factory = new EngagementFactory(configureServices: services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task A_publication_ageing_past_the_threshold_is_a_stale_dip_announced_once_without_any_event()
    {
        await factory.ImportRowAsync("UA0087");
        var json = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"), TestContext.Current.CancellationToken);
        using var import = await factory.CreateAdminClient().PostAsync("/api/ocds-publications/imports", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        import.EnsureSuccessStatusCode();
        var sweep = factory.Services.GetRequiredService<FreshnessSweep>();

        // Ukraine's data ends 2026-10-29: fresh on 2026-11-20, so the check moves nothing.
        Assert.Equal(0, await sweep.SweepAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(await factory.AssessedEventsAsync(), e => e.IsDip);

        // 181 days after the data ends (default threshold 180) nothing else has happened, but the data is stale.
        clock.Now = new DateTimeOffset(2027, 4, 28, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await sweep.SweepAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await sweep.SweepAsync(TestContext.Current.CancellationToken));

        var dip = Assert.Single(await factory.AssessedEventsAsync(), e => e.IsDip);
        Assert.Equal("UKR", dip.MemberCode);
        Assert.Equal([EngagementDipKind.PublicationStale], dip.DipKinds);
        var history = await factory.QueryAsync(db => db.AssessmentHistory.Where(h => h.MemberCode == "UKR").OrderBy(h => h.Version).ToListAsync());
        Assert.Equal(FreshnessSweep.Trigger, history[^1].Trigger);
        var engagement = await factory.Reader().GetAsync("/api/members/UKR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Contains(engagement.Warnings, w => w.StartsWith("No OCDS publication has data newer than 180 days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("8.00:00:00")]
    public void A_freshness_interval_outside_a_minute_to_a_week_stops_the_start(string interval)
    {
        var options = new EngagementOptions { FreshnessCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new EngagementOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Engagement:FreshnessCheckInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}

/// <summary>A clock the test moves forward (timers still run on the system's).</summary>
internal sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
