using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>How OGP's flags and liaisons' decisions class the real sample rows (<see cref="CommitmentClasses"/>), and the new-plan-due signal.</summary>
public sealed class OgpFlagRulesTests
{
    private static readonly EngagementOptions Defaults = new();
    private static readonly ClassSettings WithFlags = new(Defaults.OpenContractingTags, Defaults.AdjacentTags, CountOgpFlags: true);

    private static LiaisonDecision Decision(TrackedCommitment c, string decision, DateTime at) =>
        new() { CommitmentId = c.Id, MemberCode = c.MemberCode, Decision = decision, Tag = "open-contracting", Actor = "carol", Organisation = "OCP", Reason = "fiscal data", DecidedAt = at };

    [Fact]
    public void The_open_contracting_flag_makes_an_open_contracting_commitment_and_public_procurement_alone_a_procurement_one()
    {
        var (kyrgyzstan, bulgaria, albania) = (Sample.Commitment("KG0009"), Sample.Commitment("BG0039"), Sample.Commitment("AL0002"));

        var classes = CommitmentClasses.Of([kyrgyzstan, bulgaria, albania], [], [], WithFlags);

        Assert.Equal(["KG0009"], classes.OpenContracting.Select(c => c.Id));
        Assert.Equal(["BG0039"], classes.Adjacent.Select(c => c.Id));
        Assert.Equal(["OGP"], classes.Sources["KG0009"].Codes);
        Assert.Equal("KG0009 Substantial (OGP flag)", classes.Name(kyrgyzstan, "Substantial"));
        Assert.Empty(classes.Excluded);
    }

    [Fact]
    public void A_rejection_excludes_a_flagged_commitment_until_a_confirmed_tag_and_both_sources_are_named()
    {
        var kyrgyzstan = Sample.Commitment("KG0009");
        var rejected = Decision(kyrgyzstan, LiaisonDecision.Rejected, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        var excluded = CommitmentClasses.Of([kyrgyzstan], [], [rejected], WithFlags);
        var confirmed = CommitmentClasses.Of([kyrgyzstan], [AssessmentRulesTests.Confirmed(kyrgyzstan, "open-contracting")], [rejected], WithFlags);

        Assert.Empty(excluded.OpenContracting);
        Assert.Equal(["KG0009"], excluded.Adjacent.Select(c => c.Id)); // its Public Procurement flag still counts
        Assert.Equal("Left out by liaisons: KG0009 (OGP flag; open-contracting rejected by carol (OCP) on 2026-12-01: \"fiscal data\").", excluded.ExcludedSentence());
        Assert.Equal(["KG0009"], confirmed.OpenContracting.Select(c => c.Id));
        Assert.Equal("KG0009 (OGP flag; confirmed by OGP and OCP)", confirmed.Name(kyrgyzstan));
        Assert.Null(confirmed.ExcludedSentence());
    }

    [Fact]
    public void With_the_flags_off_only_confirmed_tags_count()
    {
        var classes = CommitmentClasses.Of([Sample.Commitment("KG0009"), Sample.Commitment("BG0039")], [], [], WithFlags with { CountOgpFlags = false });

        Assert.Empty(classes.OpenContracting);
        Assert.Empty(classes.Adjacent);
    }

    [Theory]
    [InlineData(2025, "a new plan is due: the latest plan AP_X ended in 2025")]
    [InlineData(2026, "a new plan is due: the latest plan AP_X ends in 2026, within 12 months")]
    [InlineData(2027, null)] // its last day assumed 31 December 2027: beyond 12 months
    [InlineData(2028, null)]
    public void A_new_plan_is_due_when_the_latest_plan_ended_or_ends_within_the_setting(int endYear, string? expected)
    {
        Assert.Equal(expected, CategorySignals.NewPlanDue(new LatestPlan("AP_X", 1, null, endYear), new DateOnly(2026, 12, 4), Defaults.NewPlanDueMonths));
    }

    [Fact]
    public void A_plan_without_an_end_year_is_no_signal()
    {
        Assert.Null(CategorySignals.NewPlanDue(new LatestPlan("AP_X", 1, null), new DateOnly(2026, 12, 4), 12));
    }
}
