using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.ActionPlans.Tests.Importing;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Threads;

/// <summary>
/// Reform threads through the API: an import links the United Kingdom's carried-forward commitment (a real row in a
/// next plan, renamed) and suggests Scotland's real pair; liaisons confirm, reject and link by hand, audited, never
/// across members; the thread and the commitment detail show the chain.
/// </summary>
public sealed class ReformThreadTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly ServiceFactory<Program> factory = new();

    private HttpClient Liaison() => factory.As("liaison", "OCP", id: "carol");

    /// <summary>The real sample plus UK0098 carried into the United Kingdom's next plan under a new title.</summary>
    private static async Task<byte[]> SampleWithNextUnitedKingdomPlanAsync(string title = "Public service data", string carriedForward = "1", string? predecessorTitle = null)
    {
        var sheet = await SampleSheet.LoadAsync();
        if (predecessorTitle is not null)
        {
            sheet.Row("UK0098")[sheet.Header.IndexOf(SheetColumns.Title)] = predecessorTitle;
        }

        var next = (string[])sheet.Row("UK0098").Clone();
        sheet.Rows.Add(next);
        void Set(string column, string value) => next[sheet.Header.IndexOf(column)] = value;
        Set("Commitment Unique Identifier", "UK0120");
        Set(SheetColumns.ActionPlanId, "AP_GBR06");
        Set(SheetColumns.ActionPlanNumber, "6");
        Set(SheetColumns.SubmissionYear, "2024");
        Set("Action Plan End Year", "2026");
        Set(SheetColumns.Title, title);
        Set(SheetColumns.CarriedForward, carriedForward);
        Set("id", "990120");
        return await sheet.ToCsvAsync();
    }

    private async Task<CommitmentLinkResponse> SuggestedScotlandAsync()
    {
        var suggested = await factory.CreateAdminClient().GetAsync("/api/commitment-links?status=suggested", Ct).OkAsync<PagedResponse<CommitmentLinkResponse>>();
        return Assert.Single(suggested.Items);
    }

    [Fact]
    public async Task An_import_links_a_carried_forward_commitment_and_the_thread_and_detail_show_it()
    {
        var admin = factory.CreateAdminClient();
        await ImportClient.ImportAsync(admin, await SampleWithNextUnitedKingdomPlanAsync());

        var thread = await admin.GetAsync("/api/commitments/uk0120/thread", Ct).OkAsync<CommitmentThreadResponse>();
        Assert.Equal(["UK0098", "UK0120"], thread.Chain.Select(c => c.CommitmentId));
        Assert.Equal((5, 2021, "NR"), (thread.Chain[0].ActionPlanNumber, thread.Chain[0].SubmissionYear, thread.Chain[0].Irm[SheetColumns.CompletionEndOfTerm].Raw));
        Assert.Null(thread.Chain[0].Link);
        Assert.Equal((LinkStatus.Linked, LinkOrigin.CarriedForward), (thread.Chain[1].Link!.Status, thread.Chain[1].Link!.Origin));
        Assert.True(thread.Chain[1].CarriedForward);
        Assert.Equal(thread, await admin.GetAsync("/api/commitments/UK0098/thread", Ct).OkAsync<CommitmentThreadResponse>() with { CommitmentId = "UK0120" }, ThreadComparer.Instance);

        var before = await admin.GetAsync("/api/commitments/UK0098", Ct).OkAsync<CommitmentResponse>();
        var after = await admin.GetAsync("/api/commitments/UK0120", Ct).OkAsync<CommitmentResponse>();
        Assert.Equal(("UK0120", "AP_GBR06", "Public service data"), (before.Successor!.Id, before.Successor.ActionPlanId, before.Successor.Title));
        Assert.Null(before.Predecessor);
        Assert.Equal("UK0098", after.Predecessor!.Id);

        var linked = Assert.Single(await ImportClient.EventsAsync<CommitmentsLinked>(factory.Services));
        Assert.Equal(("UK0120", "AP_GBR06", "UK0098", "AP_GBR05", "GBR", LinkOrigin.CarriedForward, (string?)null),
            (linked.CommitmentId, linked.ActionPlanId, linked.PredecessorId, linked.PredecessorActionPlanId, linked.MemberCode, linked.Origin, linked.Actor));

        // Scotland's real pair is unmarked: suggested only, shown with the thread, no event.
        var scotland = await admin.GetAsync("/api/commitments/SCO0006/thread", Ct).OkAsync<CommitmentThreadResponse>();
        Assert.Equal(["SCO0006"], scotland.Chain.Select(c => c.CommitmentId));
        Assert.Equal(("SCO0001", "suggested", "import"), (Assert.Single(scotland.Suggested).PredecessorId, scotland.Suggested[0].History[0].Action, scotland.Suggested[0].History[0].Actor));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("")]
    public async Task Only_a_carried_forward_cell_of_1_links_not_the_same_text_inside_another_cell(string carriedForward)
    {
        var admin = factory.CreateAdminClient();
        // The cell's stored text in both forms (keyed by position, and by name as rows stored before issue 21 are).
        await ImportClient.ImportAsync(admin, await SampleWithNextUnitedKingdomPlanAsync(title: $"Public service data \"Carried Forward\":\"1\" {ThreadLinking.CarriedForwardCell}", carriedForward));

        var thread = await admin.GetAsync("/api/commitments/UK0120/thread", Ct).OkAsync<CommitmentThreadResponse>();
        Assert.Equal(["UK0120"], thread.Chain.Select(c => c.CommitmentId));
        Assert.False(thread.Chain[0].CarriedForward);
        Assert.Equal(("UK0098", LinkStatus.Suggested, LinkOrigin.Similarity), (Assert.Single(thread.Suggested).PredecessorId, thread.Suggested[0].Status, thread.Suggested[0].Origin));
        Assert.Empty(await ImportClient.EventsAsync<CommitmentsLinked>(factory.Services));
    }

    [Fact]
    public void A_carried_forward_cell_is_found_in_stored_cells_keyed_by_position_or_by_name()
    {
        var cells = new Dictionary<string, string> { [SheetColumns.Title] = "t", [SheetColumns.CarriedForward] = "1" };
        var byName = $"{{\"{SheetColumns.Title}\":\"t\",\"{SheetColumns.CarriedForward}\":\"1\"}}";

        Assert.True(ThreadLinking.IsCarriedForward(CommitmentCells.SerializeStored(cells)));
        Assert.True(ThreadLinking.IsCarriedForward(byName));
        Assert.False(ThreadLinking.IsCarriedForward(CommitmentCells.SerializeStored(new Dictionary<string, string> { [SheetColumns.CarriedForward] = "10" })));
        Assert.False(ThreadLinking.IsCarriedForward(byName.Replace(":\"1\"}", ":\"0\"}", StringComparison.Ordinal)));
        Assert.Equal(CommitmentCells.ReadStored(CommitmentCells.SerializeStored(cells), null), CommitmentCells.ReadStored(byName, null));
    }

    [Fact]
    public async Task A_commitment_stored_with_its_cells_keyed_by_name_still_links_as_carried_forward()
    {
        var admin = factory.CreateAdminClient();
        await ImportClient.ImportAsync(admin, await SampleWithNextUnitedKingdomPlanAsync());
        // UK0120 as a row stored before issue 21 holds its cells, not linked yet.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
            var stored = await db.Commitments.AsNoTracking().SingleAsync(c => c.Id == "UK0120", Ct);
            var byName = CommitmentCells.Serialize(CommitmentCells.ReadStored(stored.Cells, fullText: null));
            Assert.Contains(ThreadLinking.CarriedForwardNamedCell, byName, StringComparison.Ordinal);
            await db.Commitments.Where(c => c.Id == "UK0120").ExecuteUpdateAsync(s => s.SetProperty(c => c.Cells, byName), Ct);
            var links = db.CommitmentLinks.Where(l => l.CommitmentId == "UK0120");
            await db.CommitmentLinkAudits.Where(a => links.Any(l => l.Id == a.LinkId)).ExecuteDeleteAsync(Ct);
            Assert.Equal(1, await links.ExecuteDeleteAsync(Ct));
        }

        // Another of the member's commitments changes: the import links the member's held commitments again, reading
        // UK0120's flag from its stored cells in the database.
        await ImportClient.ImportAsync(admin, await SampleWithNextUnitedKingdomPlanAsync(predecessorTitle: "Public service data, revised"));

        var thread = await admin.GetAsync("/api/commitments/UK0120/thread", Ct).OkAsync<CommitmentThreadResponse>();
        Assert.Equal(["UK0098", "UK0120"], thread.Chain.Select(c => c.CommitmentId));
        Assert.Equal((LinkStatus.Linked, LinkOrigin.CarriedForward), (thread.Chain[1].Link!.Status, thread.Chain[1].Link!.Origin));
    }

    [Fact]
    public async Task A_next_plan_imported_later_links_to_the_commitments_held_as_one_import_of_both_would()
    {
        // The new plan's commitments are counted while the import writes them; the plans held are read back at the end.
        var admin = factory.CreateAdminClient();
        await ImportClient.ImportAsync(admin, SampleSheet.Bytes);
        await ImportClient.ImportAsync(admin, await SampleWithNextUnitedKingdomPlanAsync());

        using var once = new ServiceFactory<Program>();
        await ImportClient.ImportAsync(once.CreateAdminClient(), await SampleWithNextUnitedKingdomPlanAsync());

        var (later, together) = (await LinksAsync(factory.Services), await LinksAsync(once.Services));
        Assert.Equal(together.Select(l => (l.CommitmentId, l.PredecessorId, l.Status, l.Origin, l.CarriedForward)), later.Select(l => (l.CommitmentId, l.PredecessorId, l.Status, l.Origin, l.CarriedForward)));
        // The second import's link, scored against the same corpus (the other links came with the first import's smaller one).
        var (carried, alone) = (later.Single(l => l.CommitmentId == "UK0120"), together.Single(l => l.CommitmentId == "UK0120"));
        Assert.Equal(("UK0098", LinkStatus.Linked, LinkOrigin.CarriedForward), (carried.PredecessorId, carried.Status, carried.Origin));
        Assert.Equal(alone.Similarity, carried.Similarity);

        static async Task<List<CommitmentLink>> LinksAsync(IServiceProvider services)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().CommitmentLinks.AsNoTracking().OrderBy(l => l.CommitmentId).ToListAsync(Ct);
        }
    }

    [Fact]
    public async Task A_reimport_adds_no_link_and_never_proposes_a_rejected_pair_again()
    {
        var admin = factory.CreateAdminClient();
        var file = await SampleWithNextUnitedKingdomPlanAsync();
        await ImportClient.ImportAsync(admin, file);
        var scotland = await SuggestedScotlandAsync();
        await Liaison().PostAsJsonAsync($"/api/commitment-links/{scotland.Id}/reject", new RejectCommitmentLinkRequest("different reforms"), Ct).OkAsync<CommitmentLinkResponse>();

        var sheet = await SampleSheet.LoadAsync();
        sheet.Set("SCO0006", SheetColumns.Title, "Financial and performance transparency (revised)");
        await ImportClient.ImportAsync(admin, await sheet.ToCsvAsync());
        await ImportClient.ImportAsync(admin, file);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        Assert.Equal(2, await db.CommitmentLinks.CountAsync(Ct));
        Assert.Equal(LinkStatus.Rejected, (await db.CommitmentLinks.SingleAsync(l => l.CommitmentId == "SCO0006", Ct)).Status);
        Assert.Single(await ImportClient.EventsAsync<CommitmentsLinked>(factory.Services));
    }

    [Fact]
    public async Task A_liaison_confirms_a_suggestion_then_removes_it_each_step_audited_and_announced()
    {
        await ImportClient.ImportAsync(factory.CreateAdminClient(), SampleSheet.Bytes);
        var scotland = await SuggestedScotlandAsync();

        var confirmed = await Liaison().PostAsJsonAsync($"/api/commitment-links/{scotland.Id}/confirm", new ConfirmCommitmentLinkRequest("same budget reform"), Ct).OkAsync<CommitmentLinkResponse>();
        await Liaison().PostAsJsonAsync($"/api/commitment-links/{scotland.Id}/confirm", new ConfirmCommitmentLinkRequest(null), Ct).ProblemAsync(HttpStatusCode.Conflict);
        var removed = await factory.As("liaison", "OGP", id: "alice").PostAsJsonAsync($"/api/commitment-links/{scotland.Id}/reject", new RejectCommitmentLinkRequest("Scotland says these are separate"), Ct).OkAsync<CommitmentLinkResponse>();

        Assert.Equal((LinkStatus.Linked, "carol", "OCP", "same budget reform"), (confirmed.Status, confirmed.DecidedBy, confirmed.DecidedOrganisation, confirmed.Reason));
        Assert.Equal(LinkStatus.Rejected, removed.Status);
        Assert.Equal(
            [("suggested", "import", (string?)null, (string?)null), ("confirmed", "carol", "OCP", "same budget reform"), ("removed", "alice", "OGP", "Scotland says these are separate")],
            removed.History.Select(h => (h.Action, h.Actor!, h.Organisation, h.Reason)));
        var linked = Assert.Single(await ImportClient.EventsAsync<CommitmentsLinked>(factory.Services));
        Assert.Equal(("SCO0006", "SCO0001", LinkOrigin.Similarity, "carol", "OCP"), (linked.CommitmentId, linked.PredecessorId, linked.Origin, linked.Actor, linked.Organisation));
        var unlinked = Assert.Single(await ImportClient.EventsAsync<CommitmentsUnlinked>(factory.Services));
        Assert.Equal((scotland.Id, "alice", "Scotland says these are separate"), (unlinked.LinkId, unlinked.Actor, unlinked.Reason));
    }

    [Fact]
    public async Task A_liaison_links_by_hand_within_a_member_and_never_across_members_or_backwards()
    {
        await ImportClient.ImportAsync(factory.CreateAdminClient(), SampleSheet.Bytes);

        var across = await Liaison().PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest("LV0040", "KG0009", "same topic"), Ct).ProblemAsync(HttpStatusCode.BadRequest);
        var backwards = await Liaison().PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest("SCO0001", "SCO0006", null), Ct).ProblemAsync(HttpStatusCode.BadRequest);
        await Liaison().PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest("SCO0006", "ZZ9999", null), Ct).ProblemAsync(HttpStatusCode.NotFound);
        using var made = await Liaison().PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest(" sco0006 ", "SCO0001", "budget reform continued"), Ct);
        await Liaison().PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest("SCO0006", "SCO0001", null), Ct).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("links never cross members", across.Detail ?? string.Join(' ', across.Extensions.Values), StringComparison.Ordinal);
        Assert.NotNull(backwards);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var link = (await made.Content.ReadFromJsonAsync<CommitmentLinkResponse>(Ct))!;
        // The suggestion the import made for the same pair becomes the liaison's link.
        Assert.Equal((LinkStatus.Linked, LinkOrigin.Hand, "carol"), (link.Status, link.Origin, link.DecidedBy));
        Assert.Equal(["suggested", "created"], link.History.Select(h => h.Action));
        var detail = await factory.CreateAdminClient().GetAsync("/api/commitments/SCO0001", Ct).OkAsync<CommitmentResponse>();
        Assert.Equal(("SCO0006", LinkOrigin.Hand), (detail.Successor!.Id, detail.Successor.Origin));
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("country-lead")]
    public async Task Readers_and_country_leads_cannot_decide_on_links(string role)
    {
        await ImportClient.ImportAsync(factory.CreateAdminClient(), SampleSheet.Bytes);
        var scotland = await SuggestedScotlandAsync();
        using var client = factory.As(role, members: ["GBSC"]);

        await client.PostAsJsonAsync($"/api/commitment-links/{scotland.Id}/confirm", new ConfirmCommitmentLinkRequest(null), Ct).ProblemAsync(HttpStatusCode.Forbidden);
        await client.PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest("SCO0006", "SCO0001", null), Ct).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(LinkStatus.Suggested, (await SuggestedScotlandAsync()).Status);
    }

    [Fact]
    public async Task Bad_input_is_a_400_in_our_words()
    {
        await ImportClient.ImportAsync(factory.CreateAdminClient(), SampleSheet.Bytes);
        var scotland = await SuggestedScotlandAsync();

        using var noReason = await Liaison().PostAsJsonAsync($"/api/commitment-links/{scotland.Id}/reject", new RejectCommitmentLinkRequest("  "), Ct);
        using var badId = await Liaison().PostAsJsonAsync("/api/commitment-links", new CreateCommitmentLinkRequest("no spaces allowed", null, null), Ct);
        using var badStatus = await factory.CreateAdminClient().GetAsync("/api/commitment-links?status=maybe", Ct);

        Assert.Equal(["reason"], await ProblemAssert.ValidationErrorsAsync(noReason));
        Assert.Equal(["commitmentId", "predecessorId"], (await ProblemAssert.ValidationErrorsAsync(badId)).Order(StringComparer.Ordinal));
        Assert.Equal(["status"], await ProblemAssert.ValidationErrorsAsync(badStatus));
        await factory.CreateAdminClient().GetAsync("/api/commitments/ZZ9999/thread", Ct).ProblemAsync(HttpStatusCode.NotFound);
        await Liaison().PostAsJsonAsync($"/api/commitment-links/{Guid.NewGuid()}/confirm", new ConfirmCommitmentLinkRequest(null), Ct).ProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => factory.Dispose();

    /// <summary>Two answers about the same thread, whatever commitment was asked for.</summary>
    private sealed class ThreadComparer : IEqualityComparer<CommitmentThreadResponse>
    {
        public static readonly ThreadComparer Instance = new();

        public bool Equals(CommitmentThreadResponse? x, CommitmentThreadResponse? y) =>
            x is not null && y is not null && x.Chain.Select(c => (c.CommitmentId, c.Link?.Id)).SequenceEqual(y.Chain.Select(c => (c.CommitmentId, c.Link?.Id)));

        public int GetHashCode(CommitmentThreadResponse obj) => obj.Chain.Count;
    }
}
