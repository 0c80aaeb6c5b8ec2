using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>
/// Engagement follows reforms across plans from ActionPlans' link events: an open contracting reform of the previous
/// plan not carried into the latest one is a dip (after the grace period), a reform that grew is credited in
/// ambition, and a redelivered or late event has no second effect.
/// </summary>
public sealed class ReformThreadTests : IDisposable
{
    private static readonly Guid LinkId = Guid.Parse("3f1c1b7e-7a43-4c55-9d3a-1a2b3c4d5e6f");

    // No grace period: the latest plan counts at once (FreshnessSweepTests covers the wait).
    private readonly EngagementFactory factory = new(new Dictionary<string, string?> { ["Engagement:NewPlanGraceDays"] = "0" });

    private Task<EngagementResponse> EngagementAsync() =>
        factory.Reader().GetAsync("/api/members/GBR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();

    private static CommitmentsLinked Linked(DateTimeOffset at) => new()
    {
        LinkId = LinkId, CommitmentId = "UK0120", ActionPlanId = "AP_GBR06", PredecessorId = "UK0098", PredecessorActionPlanId = "AP_GBR05",
        MemberCode = "GBR", Origin = LinkOrigin.CarriedForward, Similarity = 0.699, OccurredAt = at,
    };

    /// <summary>UK0098 (2021, OGP-flagged, completion NR) and the United Kingdom's next plan with UK0120, a real row re-keyed; <paramref name="edit"/> changes UK0120.</summary>
    private async Task ImportBothPlansAsync(Action<Dictionary<string, string>>? edit = null)
    {
        await factory.ImportRowAsync("UK0098");
        await factory.ImportRowAsync("UK0098", r =>
        {
            Sample.NextUnitedKingdomPlan(r);
            edit?.Invoke(r);
        });
    }

    [Fact]
    public async Task A_reform_not_carried_into_the_next_plan_is_a_dip_until_it_is_linked()
    {
        await ImportBothPlansAsync();

        var dipped = await EngagementAsync();
        Assert.Equal(
            "The open contracting reform UK0098 NR (OGP flag) of the previous plan AP_GBR05, not complete, has no linked successor in the latest plan AP_GBR06.",
            Assert.Single(dipped.Warnings));
        Assert.Equal([EngagementDipKind.ReformNotCarriedForward], (await factory.AssessedEventsAsync())[^1].DipKinds);

        await factory.PublishAsync(Linked(DateTimeOffset.UtcNow));

        var carried = await EngagementAsync();
        Assert.Empty(carried.Warnings);
        Assert.False((await factory.AssessedEventsAsync())[^1].IsDip);

        // Unlinked by a liaison: the dip is back.
        await factory.PublishAsync(new CommitmentsUnlinked { LinkId = LinkId, CommitmentId = "UK0120", PredecessorId = "UK0098", MemberCode = "GBR", Actor = "alice", Organisation = "OGP", Reason = "different reform", OccurredAt = DateTimeOffset.UtcNow });
        Assert.Single((await EngagementAsync()).Warnings);
    }

    [Fact]
    public async Task A_reform_that_grew_across_plans_is_credited_in_ambition()
    {
        await ImportBothPlansAsync(r => r["Potential for Results"] = "Transformative");
        var before = Assert.Single((await EngagementAsync()).Components, c => c.Name == "ambition");

        await factory.PublishAsync(Linked(DateTimeOffset.UtcNow));

        var after = Assert.Single((await EngagementAsync()).Components, c => c.Name == "ambition");
        Assert.Equal(0.8333, before.Score, 4); // (Substantial 2 + Transformative 3) / 6
        Assert.Equal(1, after.Score, 4); // one level more for UK0120, capped at 1
        Assert.EndsWith("Grown across plans (+1 level each): UK0120 Transformative after UK0098 Substantial.", after.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_link_has_one_effect_and_an_older_event_arriving_late_changes_nothing()
    {
        await ImportBothPlansAsync();
        var messageId = await factory.PublishAsync(Linked(DateTimeOffset.UtcNow));
        var events = (await factory.AssessedEventsAsync()).Count;

        await factory.PublishAsync(Linked(DateTimeOffset.UtcNow), messageId);
        await factory.PublishAsync(new CommitmentsUnlinked { LinkId = LinkId, CommitmentId = "UK0120", PredecessorId = "UK0098", MemberCode = "GBR", OccurredAt = DateTimeOffset.UtcNow.AddHours(-1) });

        Assert.Empty((await EngagementAsync()).Warnings);
        Assert.Equal(events, (await factory.AssessedEventsAsync()).Count);
        Assert.Equal(1, await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == messageId)));
        Assert.True(await factory.QueryAsync(db => db.ThreadLinks.SingleAsync()) is { Linked: true, CommitmentId: "UK0120", PredecessorId: "UK0098" });
    }

    [Fact]
    public async Task A_completed_reform_needs_no_successor()
    {
        await factory.ImportRowAsync("UK0098", r => r["Completion (End Of Term)"] = "Complete");
        await factory.ImportRowAsync("UK0098", r =>
        {
            Sample.NextUnitedKingdomPlan(r);
            r["Open Contracting"] = "0";
        });

        Assert.DoesNotContain((await EngagementAsync()).Warnings, w => w.StartsWith("The open contracting reform", StringComparison.Ordinal));
        Assert.DoesNotContain((await factory.AssessedEventsAsync()).SelectMany(e => e.DipKinds), d => d == EngagementDipKind.ReformNotCarriedForward);
    }

    public void Dispose() => factory.Dispose();
}
