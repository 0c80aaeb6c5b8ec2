using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ActionPlans.Tests.Importing;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.ActionPlans.Tests.Threads;

/// <summary>
/// The linker on pairs built from OGP's real sample rows: a commitment carried forward under a new title, the real
/// Scotland pair (unmarked), an unrelated look-alike marked carried forward, and identical text in another member.
/// </summary>
public sealed class ReformLinkerTests
{
    private static async Task<List<LinkCandidate>> SampleAsync()
    {
        var sheet = await SampleSheet.LoadAsync();
        return [.. sheet.Rows.Select(r => Candidate(sheet, r[0]))];
    }

    private static LinkCandidate Candidate(SampleSheet sheet, string id) => new(
        id, sheet.Get(id, SheetColumns.MemberCode), sheet.Get(id, SheetColumns.ActionPlanId),
        int.Parse(sheet.Get(id, SheetColumns.SubmissionYear), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(sheet.Get(id, SheetColumns.ActionPlanNumber), System.Globalization.CultureInfo.InvariantCulture),
        sheet.Get(id, SheetColumns.Title), sheet.Get(id, SheetColumns.FullText), sheet.Get(id, SheetColumns.CarriedForward) == "1");

    /// <summary>A row of the sample re-keyed into another plan (of its member, or another's), as the next plan would carry it.</summary>
    private static LinkCandidate Moved(LinkCandidate row, string id, string member, string plan, int year, int number, bool carriedForward, string? title = null) =>
        row with { Id = id, MemberCode = member, ActionPlanId = plan, SubmissionYear = year, PlanNumber = number, CarriedForward = carriedForward, Title = title ?? row.Title };

    private static List<ProposedLink> Propose(List<LinkCandidate> rows) =>
        ReformLinker.Propose(rows, new TextSimilarity(rows.Select(r => $"{r.Title} {r.FullText}")), LinkThresholds.Default);

    [Fact]
    public async Task A_commitment_carried_forward_under_a_new_title_is_linked_to_its_predecessor()
    {
        var rows = await SampleAsync();
        var uk = rows.Single(r => r.Id == "UK0098");
        rows.Add(Moved(uk, "UK0120", "GBR", "AP_GBR06", 2024, 6, carriedForward: true, title: "Public service data"));

        var link = Assert.Single(Propose(rows), l => l.CommitmentId == "UK0120");

        Assert.Equal(("UK0098", LinkStatus.Linked, LinkOrigin.CarriedForward, true), (link.PredecessorId, link.Status, link.Origin, link.CarriedForward));
        Assert.InRange(link.Similarity, LinkThresholds.Default.Suggestion, 1);
    }

    [Fact]
    public async Task An_unmarked_pair_above_the_higher_threshold_is_only_suggested_like_Scotlands_real_pair()
    {
        var rows = await SampleAsync();

        var links = Propose(rows);

        // SCO0006 (2018, "Financial and performance transparency") continues SCO0001 (2017, "Financial transparency"); OGP left Carried Forward ND.
        var scotland = Assert.Single(links);
        Assert.Equal(("SCO0006", "SCO0001", "GBSC", LinkStatus.Suggested, LinkOrigin.Similarity, false),
            (scotland.CommitmentId, scotland.PredecessorId, scotland.MemberCode, scotland.Status, scotland.Origin, scotland.CarriedForward));
        Assert.InRange(scotland.Similarity, 0.60, 0.70);
    }

    [Fact]
    public async Task An_unrelated_look_alike_marked_carried_forward_is_not_linked()
    {
        var rows = await SampleAsync();
        // Kyrgyzstan's procurement-transparency text as if Malawi's next plan carried it forward: Malawi's previous plan
        // has open contracting and beneficial ownership (MW0006) and natural resources (MW0010), neither this reform.
        rows.Add(Moved(rows.Single(r => r.Id == "KG0009"), "MW0120", "MWI", "AP_MWI03", 2025, 3, carriedForward: true));

        Assert.DoesNotContain(Propose(rows), l => l.CommitmentId == "MW0120");
    }

    [Fact]
    public async Task Between_equally_similar_predecessors_the_lowest_id_is_taken()
    {
        var rows = await SampleAsync();
        var uk = rows.Single(r => r.Id == "UK0098");
        // Two identical predecessors (the same score), the higher id first in the plan.
        rows.Add(Moved(uk, "UK0200", "GBR", "AP_GBR07", 2026, 7, carriedForward: false));
        rows.Add(Moved(uk, "UK0150", "GBR", "AP_GBR07", 2026, 7, carriedForward: false));
        rows.Add(Moved(uk, "UK0300", "GBR", "AP_GBR08", 2028, 8, carriedForward: true));

        var link = Assert.Single(Propose(rows), l => l.CommitmentId == "UK0300");

        Assert.Equal(("UK0150", LinkStatus.Linked), (link.PredecessorId, link.Status));
    }

    [Fact]
    public async Task Identical_text_in_another_member_is_never_linked()
    {
        var rows = await SampleAsync();
        rows.Add(Moved(rows.Single(r => r.Id == "KG0009"), "AL0120", "ALB", "AP_ALB02", 2014, 2, carriedForward: true));

        var links = Propose(rows);

        Assert.DoesNotContain(links, l => l.CommitmentId == "AL0120");
        Assert.All(links, l => Assert.Equal(rows.Single(r => r.Id == l.CommitmentId).MemberCode, rows.Single(r => r.Id == l.PredecessorId).MemberCode));
    }

    [Fact]
    public async Task On_the_real_sample_the_one_carried_forward_row_finds_no_predecessor_because_its_previous_plan_is_not_there()
    {
        var rows = await SampleAsync();

        var carried = Assert.Single(rows, r => r.CarriedForward);
        var links = Propose(rows);

        Assert.Equal(("BG0039", "AP_BGR02"), (carried.Id, carried.ActionPlanId));
        Assert.DoesNotContain(rows, r => r.MemberCode == "BGR" && r.ActionPlanId != "AP_BGR02");
        Assert.DoesNotContain(links, l => l.CommitmentId == "BG0039");
        Assert.DoesNotContain(links, l => l.Status == LinkStatus.Linked);
    }

    [Fact]
    public void Words_drop_accents_case_short_and_common_words()
    {
        Assert.Equal(["acciones", "seguir", "avanzando", "adopcion", "estandares"], TextSimilarity.Words("Acciones para seguir avanzando en la adopción de estándares"));
    }
}
