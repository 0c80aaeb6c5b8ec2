using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>
/// The rules' functions one by one, on the real sample rows (tests/fixtures/ogp/commitments-sample.csv) and registry
/// publications (tests/fixtures/ocp/publications-sample.json): how tags class commitments, the score's components, the
/// (c) signals, the category and the explanation. No host, no database: each is a pure function of its inputs.
/// </summary>
public sealed class AssessmentRulesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(EngagementFactory.RegistryDay.UtcDateTime);
    private static readonly EngagementOptions Defaults = new();

    /// <summary>
    /// The sample rows with their confirmed tags (none for an untagged row, approved by OCP and OGP), classed with the
    /// default tag settings and OGP's flags off: these tests are about the liaisons' source (OgpFlagRulesTests has the flags).
    /// </summary>
    private static CommitmentClasses Classes(params (TrackedCommitment Commitment, string? Tag)[] rows) => CommitmentClasses.Of(
        [.. rows.Select(r => r.Commitment).Distinct()],
        [.. rows.Where(r => r.Tag is not null).Select(r => Confirmed(r.Commitment, r.Tag!))],
        [],
        new ClassSettings(Defaults.OpenContractingTags, Defaults.AdjacentTags, CountOgpFlags: false));

    internal static ConfirmedTag Confirmed(TrackedCommitment commitment, string tag) =>
        new() { CommitmentId = commitment.Id, MemberCode = commitment.MemberCode, Tag = tag, ApprovedBy = "OCP\nOGP" };

    private static ComponentInputs Inputs(
        CommitmentClasses commitments, LatestPlan? latestPlan = null, IReadOnlyList<OcdsPublication>? publications = null, IReadOnlyList<MandateScore>? mandate = null, DateOnly? today = null) =>
        new(commitments, latestPlan, publications ?? [], mandate ?? [], today ?? Today, Defaults.Weights, Defaults.PublicationStaleAfterDays, Defaults.NewPlanGraceDays);

    private static MandateScore Mandate(string component, int score, string? note = null) =>
        new() { MemberCode = "ALB", Component = component, Score = score, Note = note, AssessedOn = new DateOnly(2026, 10, 28), EnteredBy = "ocp-liaison (OCP)" };

    [Fact]
    public void Confirmed_tags_class_commitments_as_open_contracting_adjacent_and_assessed()
    {
        var (kyrgyzstan, bulgaria, png, uk, albania) = (Sample.Commitment("KG0009"), Sample.Commitment("BG0039"), Sample.Commitment("PNG0006"), Sample.Commitment("UK0098"), Sample.Commitment("AL0002"));

        var classes = Classes((uk, "oc-participation"), (kyrgyzstan, "open-contracting"), (bulgaria, "e-procurement"), (png, "public-procurement"), (png, "oc-disclosure"), (albania, null));

        Assert.Equal(["KG0009", "PNG0006", "UK0098"], classes.OpenContracting.Select(c => c.Id));
        Assert.Equal(["BG0039"], classes.Adjacent.Select(c => c.Id)); // PNG0006 is open contracting, so not adjacent too
        Assert.Equal([("KG0009", 2), ("PNG0006", 1)], classes.Assessed.Select(a => (a.Commitment.Id, a.Level))); // UK0098's completion is NR: unknown
    }

    [Fact]
    public void An_assessed_open_contracting_commitment_in_the_latest_plan_gives_four_components_and_their_weighted_score()
    {
        var scores = ScoreComponents.Of(Inputs(Classes((Sample.Commitment("KG0009"), "open-contracting")), new LatestPlan("AP_KGZ01", 1, null)));

        Assert.Equal(
            [
                new ComponentValue("implementation", 0.6667, 0.35, "IRM completion of 1 open contracting commitment: KG0009 Substantial."),
                new ComponentValue("ambition", 0.6667, 0.15, "Potential impact or potential for results: KG0009 Moderate."),
                new ComponentValue("results", 0.3333, 0.15, "Did it open government or early results: KG0009 Marginal."),
                new ComponentValue("current-plan", 1, 0.10, "The latest plan AP_KGZ01 has open contracting commitments: KG0009."),
            ],
            scores.Components);
        Assert.Empty(scores.Conditions);
        Assert.Null(scores.PendingPlan);
        Assert.Equal(64.4, scores.Score); // 100 × (0.35 × 0.6667 + 0.15 × 0.6667 + 0.15 × 0.3333 + 0.10 × 1) / 0.75
    }

    [Fact]
    public void NR_values_are_left_out_of_the_components_never_counted_as_zero()
    {
        var scores = ScoreComponents.Of(Inputs(Classes((Sample.Commitment("UK0098"), "open-contracting")), new LatestPlan("AP_GBR05", 1, null)));

        Assert.Equal(["ambition", "current-plan"], scores.Components.Select(c => c.Name));
        Assert.Equal("Potential impact or potential for results: UK0098 Substantial.", scores.Components[0].Explanation);
        Assert.Equal(0.6667, scores.Components[0].Score);
    }

    [Fact]
    public void A_member_without_open_contracting_commitments_or_other_data_has_no_component_and_a_zero_score()
    {
        var scores = ScoreComponents.Of(Inputs(Classes((Sample.Commitment("BG0039"), "e-procurement")), new LatestPlan("AP_BGR02", 1, null)));

        Assert.Empty(scores.Components);
        Assert.Empty(scores.Conditions);
        Assert.Equal(0, scores.Score);
    }

    [Fact]
    public void A_new_plan_without_open_contracting_is_pending_during_the_grace_period_then_scores_zero_with_a_dip()
    {
        var classes = Classes((Sample.Commitment("UK0098"), "open-contracting"), (Sample.Commitment("UK0098", Sample.NextUnitedKingdomPlan), null));
        var arrived = new LatestPlan("AP_GBR06", 1, Today);

        var pending = ScoreComponents.Of(Inputs(classes, arrived, today: Today.AddDays(29)));
        var due = ScoreComponents.Of(Inputs(classes, arrived, today: Today.AddDays(30)));

        Assert.DoesNotContain(pending.Components, c => c.Name == "current-plan");
        Assert.Empty(pending.Conditions);
        Assert.Equal("The latest plan AP_GBR06 has no confirmed open contracting commitment yet; it counts from 2026-12-20, 30 days after it arrived, so liaisons can tag it first.", pending.PendingPlan);
        Assert.Null(due.PendingPlan);
        Assert.Equal(new ComponentValue("current-plan", 0, 0.10, "The latest plan AP_GBR06 has no open contracting commitment among its 1 known commitment."), Assert.Single(due.Components, c => c.Name == "current-plan"));
        Assert.Equal([new DipSignal(EngagementDipKind.PlanWithoutOpenContracting, "The latest plan AP_GBR06 has no open contracting commitment, after AP_GBR05 had some.")], due.Conditions);
    }

    [Fact]
    public void A_plan_known_from_before_arrival_dates_were_recorded_is_measured_at_once()
    {
        var classes = Classes((Sample.Commitment("UK0098"), "open-contracting"), (Sample.Commitment("UK0098", Sample.NextUnitedKingdomPlan), null));

        var scores = ScoreComponents.Of(Inputs(classes, new LatestPlan("AP_GBR06", 1, KnownSince: null)));

        Assert.Null(scores.PendingPlan);
        Assert.Equal(EngagementDipKind.PlanWithoutOpenContracting, Assert.Single(scores.Conditions).Kind);
    }

    [Fact]
    public void The_best_publication_gives_the_component_and_each_publication_is_described()
    {
        var scores = ScoreComponents.Of(Inputs(Classes(), publications: [Sample.Publication(3), Sample.Publication(1)]));

        var publication = Assert.Single(scores.Components);
        Assert.Equal(("ocds-publication", 1.0, 0.15), (publication.Name, publication.Score, publication.Weight));
        Assert.Equal(
            "OCDS publication: 'Central procurement system' (fresh, data to 2026-10-29, stages: tender, awards, contracts, implementation), 'Public procurement portal' (stale, data to 2023-12-31, stages: tender, awards).",
            publication.Explanation);
        Assert.Empty(scores.Conditions);
    }

    [Fact]
    public void Frozen_or_only_stale_publications_are_dip_conditions()
    {
        var frozen = ScoreComponents.Of(Inputs(Classes(), publications: [Sample.Publication(5)]));
        var stale = ScoreComponents.Of(Inputs(Classes(), publications: [Sample.Publication(3)]));

        Assert.Equal(0.1562, Assert.Single(frozen.Components).Score); // 0.25 (frozen) × (0.5 + 0.5 × 1 stage / 4)
        Assert.Equal([new DipSignal(EngagementDipKind.PublicationFrozen, "Every OCDS publication is frozen in the OCP Data Registry: 'Procurement monitoring office' (frozen, data to 2021-05-31, stages: tender).")], frozen.Conditions);
        Assert.Equal(0.375, Assert.Single(stale.Components).Score); // 0.5 (stale) × (0.5 + 0.5 × 2 stages / 4)
        Assert.Equal([new DipSignal(EngagementDipKind.PublicationStale, "No OCDS publication has data newer than 180 days: 'Public procurement portal' (stale, data to 2023-12-31, stages: tender, awards).")], stale.Conditions);
    }

    [Fact]
    public void The_mandate_component_is_the_share_of_the_assessed_points_described_in_the_components_order()
    {
        var scores = ScoreComponents.Of(Inputs(Classes(), mandate: [Mandate(MandateComponents.NamedOfficials, 3), Mandate(MandateComponents.PoliticalLeadership, 2, "The Prime Minister's office leads.")]));

        Assert.Equal(
            new ComponentValue("mandate", 0.8333, 0.10, "Mandate assessed by liaisons: political-leadership 2/3 (2026-10-28: The Prime Minister's office leads.), named-officials 3/3 (2026-10-28)."),
            Assert.Single(scores.Components));
    }

    [Fact]
    public void Adjacent_commitments_an_unfrozen_publication_and_a_scored_mandate_are_signals_in_that_order()
    {
        var signals = CategorySignals.Of(new SignalInputs(
            Classes((Sample.Commitment("BG0039"), "e-procurement")), [Sample.Publication(5), Sample.Publication(1)], [Mandate(MandateComponents.Resources, 1)],
            new LatestPlan("AP_BGR02", 1, null, EndYear: 2016), Today, Defaults.PublicationStaleAfterDays, Defaults.NewPlanDueMonths));

        Assert.Equal(
            [
                "procurement commitments without open contracting: BG0039 (confirmed by OGP and OCP)",
                "it publishes OCDS data ('Central procurement system' (fresh, data to 2026-10-29, stages: tender, awards, contracts, implementation), 'Procurement monitoring office' (frozen, data to 2021-05-31, stages: tender))",
                "its mandate has some thickness (resources 1/3 (2026-10-28))",
                "a new plan is due: the latest plan AP_BGR02 ended in 2016",
            ],
            signals);
    }

    [Fact]
    public void Frozen_publications_and_a_mandate_scored_zero_are_no_signal()
    {
        var signals = CategorySignals.Of(new SignalInputs(
            Classes(), [Sample.Publication(5)], [Mandate(MandateComponents.Coalition, 0)], new LatestPlan("AP_ALB01", 1, null, EndYear: 2028), Today, Defaults.PublicationStaleAfterDays, Defaults.NewPlanDueMonths));

        Assert.Empty(signals);
    }

    [Fact]
    public void Open_contracting_commitments_implemented_substantially_are_category_a()
    {
        var decision = CategoryRule.Decide(new CategoryInputs(Classes((Sample.Commitment("KG0009"), "open-contracting")), [], Defaults.ReadyImplementedShare));

        Assert.Equal(new CategoryDecision(EngagementCategory.ReadyForMore,
            "Category (a), ready to be more ambitious: 1 of 1 IRM-assessed open contracting commitment reached substantial or complete implementation: KG0009 (confirmed by OGP and OCP)."), decision);
    }

    [Fact]
    public void Open_contracting_commitments_of_limited_completion_are_category_b_naming_them()
    {
        var decision = CategoryRule.Decide(new CategoryInputs(Classes((Sample.Commitment("PNG0006"), "oc-disclosure")), ["a signal"], Defaults.ReadyImplementedShare));

        Assert.Equal(new CategoryDecision(EngagementCategory.FacedProblems,
            "Category (b), open contracting commitments faced problems in implementation: only 0 of 1 IRM-assessed open contracting commitment reached substantial or complete implementation; PNG0006 Limited (confirmed by OGP and OCP)."), decision);
    }

    [Theory]
    [InlineData(0.5, EngagementCategory.ReadyForMore)]
    [InlineData(0.51, EngagementCategory.FacedProblems)]
    public void The_share_implemented_is_compared_with_the_setting_inclusively(double readyShare, string category)
    {
        var classes = Classes((Sample.Commitment("KG0009"), "open-contracting"), (Sample.Commitment("PNG0006"), "open-contracting"));

        Assert.Equal(category, CategoryRule.Decide(new CategoryInputs(classes, [], readyShare)).Category);
    }

    [Fact]
    public void Open_contracting_commitments_without_an_IRM_completion_are_not_enough_data_whatever_the_signals()
    {
        var classes = Classes((Sample.Commitment("XK0011"), "open-contracting"), (Sample.Commitment("UK0098"), "open-contracting"), (Sample.Commitment("MW0006", r => (r["Completion (End Of Term)"], r["Completion (Progress Report)"]) = ("", "")), "open-contracting"));

        var decision = CategoryRule.Decide(new CategoryInputs(classes, ["procurement commitments without open contracting: BG0039 (OGP flag)"], Defaults.ReadyImplementedShare));

        Assert.Equal(new CategoryDecision(EngagementCategory.NotEnoughData,
            "Not enough data: the IRM has not assessed the completion of any of the 3 open contracting commitments yet: MW0006 blank (confirmed by OGP and OCP), UK0098 NR (confirmed by OGP and OCP), XK0011 NR (confirmed by OGP and OCP). NR: not reviewed by the IRM yet."), decision);
    }

    [Fact]
    public void Without_open_contracting_commitments_a_signal_makes_category_c_and_none_no_signal_yet()
    {
        var classes = Classes((Sample.Commitment("BG0039"), "e-procurement"));

        var withSignals = CategoryRule.Decide(new CategoryInputs(classes, ["procurement commitments without open contracting: BG0039 (confirmed by OGP and OCP)", "its mandate has some thickness (resources 1/3 (2026-10-28))"], Defaults.ReadyImplementedShare));
        var without = CategoryRule.Decide(new CategoryInputs(classes, [], Defaults.ReadyImplementedShare));

        Assert.Equal(new CategoryDecision(EngagementCategory.MightInclude,
            "Category (c), might include open contracting in its next plan: no open contracting commitment yet, but procurement commitments without open contracting: BG0039 (confirmed by OGP and OCP); its mandate has some thickness (resources 1/3 (2026-10-28))."), withSignals);
        Assert.Equal(new CategoryDecision(EngagementCategory.NoSignalYet,
            "No signal yet: no open contracting commitment, no procurement commitment, no OCDS publication, no mandate assessment and no new plan due."), without);
    }

    [Fact]
    public void The_explanation_is_the_reason_then_the_components_the_pending_plan_and_the_dips()
    {
        var scores = new ComponentScores(
            [new ComponentValue("ambition", 0.6667, 0.15, "Ambition words."), new ComponentValue("mandate", 1, 0.10, "Mandate words.")],
            [new DipSignal(EngagementDipKind.PublicationStale, "Stale words.")],
            "Pending words.");

        var explanation = AssessmentExplanation.Compose(new CategoryDecision(EngagementCategory.NotEnoughData, "Reason words."), scores);

        Assert.Equal("Reason words. Ambition words. Mandate words. Pending words. Dip: Stale words.", explanation);
    }

    [Fact]
    public void The_rules_compose_the_functions_for_a_member_category_a_with_a_frozen_publication()
    {
        var latvia = Sample.Commitment("LV0040");
        var facts = new MemberFacts(
            new MemberProjection { Code = "LVA", Name = "Latvia", LatestActionPlanId = "AP_LVA04" },
            [latvia], [Confirmed(latvia, "open-contracting")], [Sample.Publication(5)], [], Today);

        var result = new EngagementRules(new EngagementOptions { CountOgpFlags = false }).Assess(facts);

        Assert.Equal((EngagementCategory.ReadyForMore, 69.3), (result.Category, result.Score));
        Assert.Equal(["implementation", "ambition", "results", "current-plan", "ocds-publication"], result.Components.Select(c => c.Name));
        Assert.Equal([EngagementDipKind.PublicationFrozen], result.Conditions.Select(c => c.Kind));
        Assert.Equal(
            "Category (a), ready to be more ambitious: 1 of 1 IRM-assessed open contracting commitment reached substantial or complete implementation: LV0040 (confirmed by OGP and OCP). " +
            "IRM completion of 1 open contracting commitment: LV0040 Complete. Potential impact or potential for results: LV0040 Moderate. " +
            "Did it open government or early results: LV0040 Marginal. The latest plan AP_LVA04 has open contracting commitments: LV0040. " +
            "OCDS publication: 'Procurement monitoring office' (frozen, data to 2021-05-31, stages: tender). " +
            "Dip: Every OCDS publication is frozen in the OCP Data Registry: 'Procurement monitoring office' (frozen, data to 2021-05-31, stages: tender).",
            result.Explanation);
    }
}
