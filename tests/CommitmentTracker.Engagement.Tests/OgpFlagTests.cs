using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>
/// OGP's own flags count from the first import (issue 15): the 20 real sample rows imported with no liaison action
/// divide into the categories the issue expects; a liaison's rejection takes a flagged commitment out and says who
/// decided; a confirmed tag adds a commitment OGP did not flag; every commitment names its source.
/// </summary>
public sealed class OgpFlagTests : IDisposable
{
    private static readonly string[] SampleIds =
    [
        "AL0002", "AL0003", "MD0070", "PNG0006", "RO0018", "SCO0001", "SCO0006", "BG0039", "HR0006", "GT0106",
        "JO0026", "XK0011", "KG0009", "LV0040", "MW0006", "MW0010", "MN0045", "SL0033", "UA0087", "UK0098",
    ];

    private readonly EngagementFactory factory = new();

    private Task<EngagementResponse> EngagementAsync(string code) =>
        factory.Reader().GetAsync($"/api/members/{code}/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();

    private Task<Guid> RejectAsync(string commitmentId, string memberCode, string tag = "open-contracting", Guid? messageId = null, DateTimeOffset? at = null) =>
        factory.PublishAsync(new TagSuggestionRejected
        {
            SuggestionId = Guid.NewGuid(), CommitmentId = commitmentId, MemberCode = memberCode, Tag = tag, Organisation = "OCP", Actor = "carol",
            Reason = "fiscal data, not contracting", OccurredAt = at ?? DateTimeOffset.UtcNow,
        }, messageId);

    [Fact]
    public async Task The_real_sample_imported_with_no_liaison_action_divides_as_the_issue_expects()
    {
        foreach (var id in SampleIds)
        {
            await factory.ImportRowAsync(id);
        }

        var list = await factory.Reader().GetAsync("/api/engagement?pageSize=100", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementMemberResponse>>();
        var categories = list.Items.ToDictionary(m => m.MemberCode, m => m.Category);

        Assert.Equal(EngagementCategory.ReadyForMore, categories["KGZ"]);
        Assert.Equal(EngagementCategory.ReadyForMore, categories["LVA"]);
        Assert.Equal(EngagementCategory.FacedProblems, categories["PNG"]);
        Assert.Equal(EngagementCategory.FacedProblems, categories["MNG"]);
        foreach (var code in new[] { "MDA", "GBSC", "BGR", "GTM", "JOR", "UKR" })
        {
            Assert.Equal((code, EngagementCategory.MightInclude), (code, categories[code]));
        }

        foreach (var code in new[] { "GBR", "XKX", "MWI", "SLE", "ROU", "HRV" })
        {
            Assert.Equal((code, EngagementCategory.NotEnoughData), (code, categories[code]));
        }

        // Albania has no flagged commitment; its only plan of the sample ended in 2014, so a new plan is due: (c).
        Assert.Equal(EngagementCategory.MightInclude, categories["ALB"]);
        Assert.Equal(17, categories.Count);

        var kyrgyzstan = await EngagementAsync("KGZ");
        Assert.StartsWith("Category (a), ready to be more ambitious: 1 of 1 IRM-assessed open contracting commitment reached substantial or complete implementation: KG0009 (OGP flag).", kyrgyzstan.Explanation, StringComparison.Ordinal);
        var commitment = Assert.Single(kyrgyzstan.OpenContractingCommitments);
        Assert.Equal(("KG0009", "Substantial"), (commitment.CommitmentId, commitment.Completion));
        Assert.Equal(["OGP"], commitment.Sources);
        Assert.Empty(commitment.ConfirmedBy);
        Assert.Empty(commitment.Tags);

        Assert.Contains("PNG0006 Limited (OGP flag)", (await EngagementAsync("PNG")).Explanation, StringComparison.Ordinal);
        Assert.Contains("but procurement commitments without open contracting: SCO0001 (OGP flag), SCO0006 (OGP flag)", (await EngagementAsync("GBSC")).Explanation, StringComparison.Ordinal);
        Assert.StartsWith(
            "Not enough data: the IRM has not assessed the completion of the 1 open contracting commitment yet: UK0098 NR (OGP flag). NR: not reviewed by the IRM yet.",
            (await EngagementAsync("GBR")).Explanation, StringComparison.Ordinal);
        Assert.StartsWith(
            "Not enough data: the IRM has not assessed the completion of the 1 open contracting commitment yet: RO0018 ND (OGP flag). ND: no data in OGP's sheet.",
            (await EngagementAsync("ROU")).Explanation, StringComparison.Ordinal);
        Assert.Contains("MW0006 NR (OGP flag)", (await EngagementAsync("MWI")).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_with_no_signal_at_all_is_no_signal_yet_never_a_or_b()
    {
        // AL0002 as if its plan ran to 2028: no flag, no tag, no publication, no mandate, no plan due.
        await factory.ImportRowAsync("AL0002", r => r["Action Plan End Year"] = "2028");

        var engagement = await EngagementAsync("ALB");

        Assert.Equal(EngagementCategory.NoSignalYet, engagement.Category);
        Assert.StartsWith("No signal yet: no open contracting commitment, no procurement commitment, no OCDS publication, no mandate assessment and no new plan due.", engagement.Explanation, StringComparison.Ordinal);
        Assert.Empty(await factory.AssessedEventsAsync());
        var noSignal = await factory.Reader().GetAsync("/api/engagement?category=no-signal-yet", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementMemberResponse>>();
        Assert.Equal(["ALB"], noSignal.Items.Select(m => m.MemberCode));
    }

    [Fact]
    public async Task A_liaison_rejection_takes_a_flagged_commitment_out_and_the_explanation_says_who_decided()
    {
        await factory.ImportRowAsync("KG0009");
        Assert.Equal(EngagementCategory.ReadyForMore, (await EngagementAsync("KGZ")).Category);

        await RejectAsync("KG0009", "KGZ");

        var rejected = await EngagementAsync("KGZ");
        Assert.Equal(EngagementCategory.MightInclude, rejected.Category); // its Public Procurement flag is still a signal
        Assert.Empty(rejected.OpenContractingCommitments);
        var excluded = Assert.Single(rejected.ExcludedCommitments);
        Assert.Equal(("KG0009", "carol", "OCP", "fiscal data, not contracting", "open-contracting"),
            (excluded.CommitmentId, excluded.Excluded!.By, excluded.Excluded.Organisation, excluded.Excluded.Reason, excluded.Excluded.Tag));
        Assert.Contains($"Left out by liaisons: KG0009 (OGP flag; open-contracting rejected by carol (OCP) on {DateTime.UtcNow:yyyy-MM-dd}: \"fiscal data, not contracting\").", rejected.Explanation, StringComparison.Ordinal);
        Assert.Contains("procurement commitments without open contracting: KG0009 (OGP flag)", rejected.Explanation, StringComparison.Ordinal);
        var last = (await factory.AssessedEventsAsync())[^1];
        Assert.Equal(("a", "c"), (last.PreviousCategory, last.Category));

        // A later confirmed tag is the liaisons' newer decision: the commitment counts again, with both sources.
        await factory.ConfirmTagAsync("KG0009", "KGZ");
        var confirmed = await EngagementAsync("KGZ");
        Assert.Equal(EngagementCategory.ReadyForMore, confirmed.Category);
        Assert.Empty(confirmed.ExcludedCommitments);
        Assert.Contains("KG0009 (OGP flag; confirmed by OGP and OCP)", confirmed.Explanation, StringComparison.Ordinal);
        var commitment = Assert.Single(confirmed.OpenContractingCommitments);
        Assert.Equal(["OGP", "liaisons"], commitment.Sources);
        Assert.Equal(["OGP", "OCP"], commitment.ConfirmedBy);
    }

    [Fact]
    public async Task A_rejection_older_than_the_confirmation_arriving_late_changes_nothing()
    {
        await factory.ImportRowAsync("KG0009");
        await factory.ConfirmTagAsync("KG0009", "KGZ");

        await RejectAsync("KG0009", "KGZ", at: DateTimeOffset.UtcNow.AddHours(-1));

        var engagement = await EngagementAsync("KGZ");
        Assert.Equal(EngagementCategory.ReadyForMore, engagement.Category);
        Assert.Empty(engagement.ExcludedCommitments);
    }

    [Fact]
    public async Task A_rejected_procurement_tag_is_no_decision_on_open_contracting()
    {
        await factory.ImportRowAsync("KG0009");

        await RejectAsync("KG0009", "KGZ", tag: "e-procurement");

        Assert.Equal(EngagementCategory.ReadyForMore, (await EngagementAsync("KGZ")).Category);
        Assert.Equal(0, await factory.QueryAsync(db => db.LiaisonDecisions.CountAsync()));
    }

    [Fact]
    public async Task A_confirmed_tag_adds_a_commitment_OGP_did_not_flag()
    {
        await factory.ImportRowAsync("BG0039");
        Assert.Equal(EngagementCategory.MightInclude, (await EngagementAsync("BGR")).Category);

        await factory.ConfirmTagAsync("BG0039", "BGR", "oc-disclosure");

        var engagement = await EngagementAsync("BGR");
        Assert.Equal(EngagementCategory.ReadyForMore, engagement.Category);
        Assert.Contains("BG0039 (confirmed by OGP and OCP)", engagement.Explanation, StringComparison.Ordinal);
        var commitment = Assert.Single(engagement.OpenContractingCommitments);
        Assert.Equal(["liaisons"], commitment.Sources);
        Assert.Equal(["oc-disclosure"], commitment.Tags);
    }

    [Fact]
    public async Task A_redelivered_rejection_has_one_effect()
    {
        await factory.ImportRowAsync("KG0009");
        var rejection = await RejectAsync("KG0009", "KGZ");
        var history = (await factory.Reader().GetAsync("/api/members/KGZ/engagement/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementHistoryEntryResponse>>()).Total;
        var events = (await factory.AssessedEventsAsync()).Count;

        await RejectAsync("KG0009", "KGZ", messageId: rejection);

        Assert.Equal(history, (await factory.Reader().GetAsync("/api/members/KGZ/engagement/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementHistoryEntryResponse>>()).Total);
        Assert.Equal(events, (await factory.AssessedEventsAsync()).Count);
        Assert.Equal(1, await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == rejection)));
        Assert.Equal(1, await factory.QueryAsync(db => db.LiaisonDecisions.CountAsync()));
    }

    [Fact]
    public async Task With_the_setting_off_OGP_flags_do_not_count()
    {
        using var tagsOnly = new EngagementFactory(EngagementFactory.TagsOnly());
        await tagsOnly.ImportRowAsync("KG0009", r => r["Action Plan End Year"] = "2028");

        var engagement = await tagsOnly.Reader().GetAsync("/api/members/KGZ/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();

        Assert.Equal(EngagementCategory.NoSignalYet, engagement.Category);
        Assert.Empty(engagement.OpenContractingCommitments);
    }

    public void Dispose() => factory.Dispose();
}
