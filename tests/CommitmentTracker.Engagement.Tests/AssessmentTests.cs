using System.Net;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>Each category, and the dips, reached from realistic event sequences built on the real sample rows.</summary>
public sealed class AssessmentTests : IDisposable
{
    // These tests follow the liaisons' source; OGP's own flags have their tests (OgpFlagTests).
    private readonly EngagementFactory factory = new(EngagementFactory.TagsOnly());

    private Task<EngagementResponse> EngagementAsync(string code) =>
        factory.Reader().GetAsync($"/api/members/{code}/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();

    private Task<PagedResponse<EngagementHistoryEntryResponse>> HistoryAsync(string code) =>
        factory.Reader().GetAsync($"/api/members/{code}/engagement/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementHistoryEntryResponse>>();

    [Fact]
    public async Task A_confirmed_open_contracting_commitment_completed_substantially_is_category_a()
    {
        await factory.ImportRowAsync("KG0009");
        await factory.ConfirmTagAsync("KG0009", "KGZ");

        var engagement = await EngagementAsync("KGZ");

        Assert.Equal(EngagementCategory.ReadyForMore, engagement.Category);
        Assert.Contains("KG0009", engagement.Explanation, StringComparison.Ordinal);
        Assert.Contains("Category (a)", engagement.Explanation, StringComparison.Ordinal);
        var implementation = Assert.Single(engagement.Components, c => c.Name == "implementation");
        Assert.Equal(2.0 / 3, implementation.Score, 3);
        Assert.Contains("KG0009 Substantial", implementation.Explanation, StringComparison.Ordinal);
        var commitment = Assert.Single(engagement.OpenContractingCommitments);
        Assert.Equal(("KG0009", "Substantial", "Moderate", "ND", "Marginal"), (commitment.CommitmentId, commitment.Completion, commitment.PotentialImpact, commitment.EarlyResults, commitment.DidItOpenGovernment));
        Assert.InRange(engagement.Score, 1, 100);
        Assert.Equal("Asia and the Pacific", engagement.Region);
    }

    [Fact]
    public async Task Open_contracting_commitments_of_limited_completion_are_category_b()
    {
        await factory.ImportRowAsync("PNG0006");
        await factory.ConfirmTagAsync("PNG0006", "PNG", "oc-disclosure");

        var engagement = await EngagementAsync("PNG");

        Assert.Equal(EngagementCategory.FacedProblems, engagement.Category);
        Assert.Contains("PNG0006 Limited", engagement.Explanation, StringComparison.Ordinal);
        Assert.Equal(1.0 / 3, Assert.Single(engagement.Components, c => c.Name == "implementation").Score, 3);
    }

    [Fact]
    public async Task A_procurement_commitment_without_open_contracting_is_category_c()
    {
        await factory.ImportRowAsync("BG0039");
        await factory.ConfirmTagAsync("BG0039", "BGR", "e-procurement");

        var engagement = await EngagementAsync("BGR");

        Assert.Equal(EngagementCategory.MightInclude, engagement.Category);
        Assert.Contains("procurement commitments without open contracting: BG0039 (confirmed by OGP and OCP)", engagement.Explanation, StringComparison.Ordinal);
        Assert.Empty(engagement.OpenContractingCommitments);
    }

    [Fact]
    public async Task Open_contracting_commitments_not_yet_reviewed_by_the_IRM_are_not_enough_data_and_NR_is_no_zero()
    {
        await factory.ImportRowAsync("UK0098");
        await factory.ConfirmTagAsync("UK0098", "GBR");

        var engagement = await EngagementAsync("GBR");

        Assert.Equal(EngagementCategory.NotEnoughData, engagement.Category);
        Assert.Contains("UK0098 NR", engagement.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(engagement.Components, c => c.Name == "implementation");
        // Potential for results "Substantial" is known; the NR completion and results are left out, not counted as 0.
        Assert.Equal(2.0 / 3, Assert.Single(engagement.Components, c => c.Name == "ambition").Score, 3);
        Assert.Equal(1, Assert.Single(engagement.Components, c => c.Name == "current-plan").Score);
    }

    [Fact]
    public async Task A_member_without_any_signal_is_no_signal_yet_and_is_not_announced()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);

        var engagement = await EngagementAsync("ALB");

        Assert.Equal(EngagementCategory.NoSignalYet, engagement.Category);
        Assert.Contains("no open contracting commitment, no procurement commitment", engagement.Explanation, StringComparison.Ordinal);
        Assert.Empty(await factory.AssessedEventsAsync());
        Assert.Equal(1, (await HistoryAsync("ALB")).Total);
    }

    [Fact]
    public async Task A_proposed_tag_does_not_count_until_confirmed()
    {
        await factory.ImportRowAsync("KG0009", Sample.RunningPlan);
        await factory.PublishAsync(new CommitmentTagged { CommitmentId = "KG0009", MemberCode = "KGZ", Tag = "open-contracting", Status = TagStatus.Proposed, OccurredAt = DateTimeOffset.UtcNow });

        Assert.Equal(EngagementCategory.NoSignalYet, (await EngagementAsync("KGZ")).Category);
    }

    [Fact]
    public async Task Completion_falling_moves_a_to_b_and_is_published_as_a_dip_through_the_outbox()
    {
        await factory.ImportRowAsync("KG0009", Sample.RunningPlan);
        await factory.ConfirmTagAsync("KG0009", "KGZ");

        await factory.PublishAsync(Sample.Changed("KG0009", "Completion (End Of Term)", "Limited"));

        var engagement = await EngagementAsync("KGZ");
        Assert.Equal(EngagementCategory.FacedProblems, engagement.Category);
        var events = await factory.AssessedEventsAsync();
        Assert.Equal([("no-signal-yet", "a", false), ("a", "b", true)], events.Select(e => (e.PreviousCategory, e.Category, e.IsDip)));
        var dip = events[^1];
        Assert.Equal([EngagementDipKind.CompletionFalling], dip.DipKinds);
        Assert.Equal(["IRM completion of KG0009 fell from Substantial to Limited."], dip.DipReasons);
        Assert.Equal(("KGZ", "Kyrgyz Republic", "Asia and the Pacific"), (dip.MemberCode, dip.MemberName, dip.Region));
        Assert.Equal(engagement.Version, dip.Version);

        var history = await HistoryAsync("KGZ");
        Assert.Equal(["CommitmentChanged KG0009", "CommitmentTagged KG0009 open-contracting", "ActionPlanImported AP_KGZ01"], history.Items.Take(3).Select(h => h.Trigger));
        Assert.True(history.Items[0].IsDip);
        Assert.Equal("a", history.Items[0].PreviousCategory);
        await Eventually.UntilAsync(
            () => factory.QueryAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), TimeSpan.FromSeconds(10), "the relay sends the events");
    }

    [Fact]
    public async Task A_plan_without_open_contracting_after_one_that_had_some_is_a_dip_until_one_is_confirmed()
    {
        // No grace period for tagging: the plan counts as soon as it arrives (the default waits; FreshnessSweepTests).
        using var immediate = new EngagementFactory(EngagementFactory.TagsOnly(new Dictionary<string, string?> { ["Engagement:NewPlanGraceDays"] = "0" }));
        await immediate.ImportRowAsync("UK0098");
        await immediate.ConfirmTagAsync("UK0098", "GBR");
        await immediate.CarryUnitedKingdomReformAsync(); // announced before the plan's rows arrive: kept until they do
        await immediate.ImportRowAsync("UK0098", Sample.NextUnitedKingdomPlan);

        var dipped = await immediate.Reader().GetAsync("/api/members/GBR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        var dip = (await immediate.AssessedEventsAsync())[^1];
        Assert.True(dip.IsDip);
        Assert.Equal([EngagementDipKind.PlanWithoutOpenContracting], dip.DipKinds);
        Assert.Equal("The latest plan AP_GBR06 has no open contracting commitment, after AP_GBR05 had some.", Assert.Single(dipped.Warnings));
        Assert.Equal(0, Assert.Single(dipped.Components, c => c.Name == "current-plan").Score);

        await immediate.ConfirmTagAsync("UK0120", "GBR", "oc-participation");

        var recovered = await immediate.Reader().GetAsync("/api/members/GBR/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        var last = (await immediate.AssessedEventsAsync())[^1];
        Assert.Empty(recovered.Warnings);
        Assert.False(last.IsDip);
        Assert.Equal(1, Assert.Single(recovered.Components, c => c.Name == "current-plan").Score);
    }

    [Fact]
    public async Task The_same_message_redelivered_and_the_same_facts_announced_again_add_no_history_and_no_event()
    {
        await factory.ImportRowAsync("KG0009");
        var tagged = await factory.ConfirmTagAsync("KG0009", "KGZ");
        var before = (await HistoryAsync("KGZ")).Total;
        var eventsBefore = (await factory.AssessedEventsAsync()).Count;

        await factory.ConfirmTagAsync("KG0009", "KGZ", messageId: tagged);
        await factory.ConfirmTagAsync("KG0009", "KGZ");
        await factory.PublishAsync(Sample.Added(Sample.Row("KG0009")));
        await factory.PublishAsync(Sample.Plan(Sample.Row("KG0009")));

        Assert.Equal(before, (await HistoryAsync("KGZ")).Total);
        Assert.Equal(eventsBefore, (await factory.AssessedEventsAsync()).Count);
        Assert.Equal(1, await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == tagged)));
    }

    [Fact]
    public async Task Two_instances_moving_one_member_at_once_cannot_both_commit_the_same_version()
    {
        await factory.ImportRowAsync("KG0009");
        await factory.ConfirmTagAsync("KG0009", "KGZ");
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var contexts = new[] { first, second }.Select(s => (Db: s.ServiceProvider.GetRequiredService<EngagementDb>(), Assessor: s.ServiceProvider.GetRequiredService<EngagementAssessor>())).ToList();

        foreach (var (db, assessor) in contexts)
        {
            (await db.Commitments.SingleAsync(c => c.Id == "KG0009", TestContext.Current.CancellationToken)).CompletionEndOfTerm = "Limited";
            Assert.True(await assessor.ReassessAsync(db, "KGZ", "concurrent", [], TestContext.Current.CancellationToken));
        }

        await contexts[0].Db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<DbUpdateException>(() => contexts[1].Db.SaveChangesAsync(TestContext.Current.CancellationToken));

        var versions = await factory.QueryAsync(db => db.AssessmentHistory.Where(h => h.MemberCode == "KGZ").Select(h => h.Version).ToListAsync());
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(versions.Max(), (await EngagementAsync("KGZ")).Version);
    }

    [Fact]
    public async Task Events_arriving_before_the_plan_event_still_assess_the_member()
    {
        var row = Sample.Row("LV0040");
        await factory.ConfirmTagAsync("LV0040", "LVA");
        await factory.PublishAsync(Sample.Added(row));
        await factory.PublishAsync(Sample.Plan(row));

        var engagement = await EngagementAsync("LVA");
        Assert.Equal((EngagementCategory.ReadyForMore, "Latvia", "AP_LVA04"), (engagement.Category, engagement.MemberName, engagement.OpenContractingCommitments[0].ActionPlanId));
    }

    [Fact]
    public async Task Untagging_and_removing_reassess_the_member()
    {
        // LV0040: the IRM's end-of-term completion is Complete (HR0006, used before, has only a midterm one).
        await factory.ImportRowAsync("LV0040", Sample.RunningPlan);
        await factory.ConfirmTagAsync("LV0040", "LVA");
        Assert.Equal(EngagementCategory.ReadyForMore, (await EngagementAsync("LVA")).Category);

        await factory.PublishAsync(new CommitmentUntagged { CommitmentId = "LV0040", MemberCode = "LVA", Tag = "open-contracting", OccurredAt = DateTimeOffset.UtcNow });
        Assert.Equal(EngagementCategory.NoSignalYet, (await EngagementAsync("LVA")).Category);

        await factory.ConfirmTagAsync("LV0040", "LVA");
        await factory.PublishAsync(new CommitmentRemoved { CommitmentId = "LV0040", ActionPlanId = "AP_LVA04", MemberCode = "LVA", OccurredAt = DateTimeOffset.UtcNow });
        var removed = await EngagementAsync("LVA");
        Assert.Equal(EngagementCategory.NoSignalYet, removed.Category);
        Assert.Empty(removed.OpenContractingCommitments);
    }

    [Fact]
    public async Task The_list_filters_by_category_and_region()
    {
        await factory.ImportRowAsync("KG0009");
        await factory.ConfirmTagAsync("KG0009", "KGZ");
        await factory.ImportRowAsync("PNG0006");
        await factory.ConfirmTagAsync("PNG0006", "PNG");
        await factory.ImportRowAsync("LV0040");
        await factory.ConfirmTagAsync("LV0040", "LVA");

        var ready = await factory.Reader().GetAsync("/api/engagement?category=a", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementMemberResponse>>();
        var asia = await factory.Reader().GetAsync("/api/engagement?region=asia%20and%20the%20pacific", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementMemberResponse>>();
        var readyInEurope = await factory.Reader().GetAsync("/api/engagement?category=a&region=Europe", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementMemberResponse>>();

        Assert.Equal(["KGZ", "LVA"], ready.Items.Select(m => m.MemberCode));
        Assert.Equal([("KGZ", "a"), ("PNG", "b")], asia.Items.Select(m => (m.MemberCode, m.Category)));
        Assert.Equal(["LVA"], readyInEurope.Items.Select(m => m.MemberCode));
        Assert.All(ready.Items, m => Assert.True(m.Score > 0 && m.AssessedAt is not null));
    }

    [Fact]
    public async Task An_unknown_category_is_a_400_and_an_unknown_member_a_404()
    {
        using var list = await factory.Reader().GetAsync("/api/engagement?category=d", TestContext.Current.CancellationToken);
        Assert.Equal(["category"], await ProblemAssert.ValidationErrorsAsync(list));

        await factory.Reader().GetAsync("/api/members/ZZZ/engagement", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);
        await factory.Reader().GetAsync("/api/members/ZZZ/engagement/history", TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/members/KGZ/engagement/history?page=0", "page")]
    [InlineData("/api/engagement?pageSize=500", "pageSize")]
    [InlineData("/api/ocds-publications?pageSize=0", "pageSize")]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string path, string parameter)
    {
        await factory.ImportRowAsync("KG0009");

        using var response = await factory.Reader().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal([parameter], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Fact]
    public async Task Reads_need_a_caller()
    {
        await factory.ImportRowAsync("KG0009");
        using var anonymous = factory.CreateClient();

        foreach (var path in new[] { "/api/members/KGZ/engagement", "/api/members/KGZ/engagement/history", "/api/ocds-publications" })
        {
            await anonymous.GetAsync(path, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var lead = await factory.As("country-lead", members: ["BGR"]).GetAsync("/api/members/KGZ/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal("KGZ", lead.MemberCode);
    }

    public void Dispose() => factory.Dispose();
}
