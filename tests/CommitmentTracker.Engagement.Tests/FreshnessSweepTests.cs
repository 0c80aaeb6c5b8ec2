using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>Facts that change with the calendar alone (a publication going stale, a new plan's grace period ending): the periodic check turns them into a dip, once.</summary>
public sealed class FreshnessSweepTests : IDisposable
{
    private readonly MovableClock clock = new(EngagementFactory.RegistryDay);
    private readonly EngagementFactory factory;

    public FreshnessSweepTests() =>
        factory = new EngagementFactory(EngagementFactory.TagsOnly(), configureServices: services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task A_publication_ageing_past_the_threshold_is_a_stale_dip_announced_once_without_any_event()
    {
        await factory.ImportRowAsync("UA0087");
        var json = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"), TestContext.Current.CancellationToken);
        await factory.CreateAdminClient().PostAsync("/api/ocds-publications/imports", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).OkAsync<OcdsImportResponse>();
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

    [Fact]
    public async Task A_new_plan_without_open_contracting_is_pending_while_liaisons_tag_it_then_a_dip_once_without_any_event()
    {
        await factory.ImportRowAsync("UK0098");
        await factory.ConfirmTagAsync("UK0098", "GBR");
        await factory.ImportRowAsync("UK0098", Sample.NextUnitedKingdomPlan); // arrives on 2026-11-20
        await factory.CarryUnitedKingdomReformAsync();
        var sweep = factory.Services.GetRequiredService<FreshnessSweep>();

        var pending = await EngagementAsync("GBR");
        Assert.Empty(pending.Warnings);
        Assert.DoesNotContain(pending.Components, c => c.Name == "current-plan");
        Assert.Contains("The latest plan AP_GBR06 has no confirmed open contracting commitment yet; it counts from 2026-12-20, 30 days after it arrived", pending.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.AssessedEventsAsync(), e => e.IsDip);

        clock.Now = EngagementFactory.RegistryDay.AddDays(29);
        Assert.Equal(0, await sweep.SweepAsync(TestContext.Current.CancellationToken));

        // The grace period ends with no tag confirmed and no event: the check turns it into the dip, announced once.
        clock.Now = EngagementFactory.RegistryDay.AddDays(30);
        Assert.Equal(1, await sweep.SweepAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await sweep.SweepAsync(TestContext.Current.CancellationToken));
        var dip = Assert.Single(await factory.AssessedEventsAsync(), e => e.IsDip);
        Assert.Equal("GBR", dip.MemberCode);
        Assert.Equal([EngagementDipKind.PlanWithoutOpenContracting], dip.DipKinds);
        var history = await factory.QueryAsync(db => db.AssessmentHistory.Where(h => h.MemberCode == "GBR").OrderBy(h => h.Version).ToListAsync());
        Assert.Equal(FreshnessSweep.Trigger, history[^1].Trigger);
        var dipped = await EngagementAsync("GBR");
        Assert.Equal("The latest plan AP_GBR06 has no open contracting commitment, after AP_GBR05 had some.", Assert.Single(dipped.Warnings));
        Assert.Equal(0, Assert.Single(dipped.Components, c => c.Name == "current-plan").Score);
    }

    [Fact]
    public async Task A_new_plan_tagged_within_the_grace_period_counts_at_once_and_never_dips()
    {
        await factory.ImportRowAsync("UK0098");
        await factory.ConfirmTagAsync("UK0098", "GBR");
        await factory.ImportRowAsync("UK0098", Sample.NextUnitedKingdomPlan);
        await factory.CarryUnitedKingdomReformAsync();
        clock.Now = EngagementFactory.RegistryDay.AddDays(3);
        await factory.ConfirmTagAsync("UK0120", "GBR", "oc-disclosure");

        var engagement = await EngagementAsync("GBR");
        Assert.Equal(1, Assert.Single(engagement.Components, c => c.Name == "current-plan").Score);
        Assert.DoesNotContain("counts from", engagement.Explanation, StringComparison.Ordinal);

        clock.Now = EngagementFactory.RegistryDay.AddDays(60);
        Assert.Equal(0, await factory.Services.GetRequiredService<FreshnessSweep>().SweepAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(await factory.AssessedEventsAsync(), e => e.IsDip);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("366")]
    public void A_grace_period_outside_zero_to_a_year_stops_the_start(string days)
    {
        var options = new EngagementOptions { NewPlanGraceDays = int.Parse(days, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new EngagementOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("NewPlanGraceDays", result.FailureMessage, StringComparison.Ordinal);
    }

    private Task<EngagementResponse> EngagementAsync(string code) =>
        factory.Reader().GetAsync($"/api/members/{code}/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();

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
