using System.Net;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// A commitment's reform across plans on its page, over HTTP without script: the chain and the suggested links for
/// everyone, the decisions on them for liaisons only, the API's messages beside the fields. Scotland's real pair
/// (SCO0001 → SCO0006, suggested by the import from similar text) belongs to this class: no other test decides it.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class ThreadPageTests(WorkspaceHost host)
{
    [Theory]
    [InlineData(WorkspaceHost.Reader)]
    [InlineData(WorkspaceHost.CountryLead)]
    public async Task Readers_and_country_leads_see_the_thread_without_any_decision(string role)
    {
        using var browser = await SignedInAsync(role);

        var page = await browser.GetAsync("/commitments/SCO0006");

        var section = page.Document.QuerySelector("#thread-heading")!.ParentElement!;
        Assert.Equal("Reform across plans", page.Document.QuerySelector("#thread-heading")!.TextContent);
        Assert.Empty(section.QuerySelectorAll("form"));
        Assert.Null(page.Document.QuerySelector("form[action*='/links/']"));
    }

    [Fact]
    public async Task A_liaison_confirms_the_suggested_link_removes_it_with_a_reason_and_links_it_again_by_hand()
    {
        using var liaison = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var page = await liaison.GetAsync("/commitments/SCO0006");
        var suggested = page.Document.QuerySelectorAll(".suggested-links > li").Single(li => li.TextContent.Contains("SCO0001", StringComparison.Ordinal));
        Assert.Contains("Suggested from similar text", suggested.TextContent, StringComparison.Ordinal);
        var confirmForm = suggested.QuerySelector("form[action$='/confirm']")!;
        Assert.Equal("Confirm: SCO0006 continues SCO0001", confirmForm.QuerySelector("button")!.TextContent);

        var confirmed = await liaison.SubmitAsync(page, $"#{confirmForm.Id}", new Dictionary<string, string> { ["reason"] = "Same devolved-finance reform." });
        var afterConfirm = await liaison.GetAsync(confirmed.Location!);

        Assert.Equal("/commitments/SCO0006#thread-heading", confirmed.Location);
        Assert.Equal("Confirmed: SCO0006 continues SCO0001.", afterConfirm.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        var chain = afterConfirm.Document.QuerySelectorAll("ol.thread > li");
        Assert.Equal(["SCO0001", "SCO0006"], chain.Select(li => li.QuerySelector(".code")!.TextContent));
        Assert.Equal("true", chain[1].GetAttribute("aria-current"));
        Assert.Contains("decided by", chain[1].TextContent, StringComparison.Ordinal);

        // A reader sees the link in the commitment's fields, both ways.
        using (var reader = await SignedInAsync(WorkspaceHost.Reader))
        {
            var later = await reader.GetAsync("/commitments/SCO0006");
            var earlier = await reader.GetAsync("/commitments/SCO0001");
            Assert.Equal("/commitments/SCO0001", Field(later, "Reform continued from").QuerySelector("a")!.GetAttribute("href"));
            Assert.Contains("Financial transparency (AP_GBSC01)", Field(later, "Reform continued from").TextContent, StringComparison.Ordinal);
            Assert.Equal("–", Field(later, "Reform continued in").TextContent.Trim());
            Assert.Equal("/commitments/SCO0006", Field(earlier, "Reform continued in").QuerySelector("a")!.GetAttribute("href"));
        }

        // Removing needs a reason: the API's message is beside the field, and the link stays.
        var removeForm = chain[1].QuerySelector("form[action$='/reject']")!;
        var refused = await liaison.SubmitAsync(afterConfirm, $"#{removeForm.Id}", new Dictionary<string, string> { ["reason"] = string.Empty });
        var afterRefusal = await liaison.GetAsync(refused.Location!);

        Assert.Equal("The link was not rejected.", afterRefusal.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        var reason = afterRefusal.Document.QuerySelector($"#{removeForm.Id}-reason")!;
        Assert.Equal("true", reason.GetAttribute("aria-invalid"));
        Assert.Equal("reason is required, at most 1000 characters.", afterRefusal.Document.QuerySelector($"#{reason.GetAttribute("aria-describedby")}")!.TextContent.Trim());

        var removed = await liaison.SubmitAsync(afterRefusal, $"#{removeForm.Id}", new Dictionary<string, string> { ["reason"] = "Different reforms after all." });
        var afterRemove = await liaison.GetAsync(removed.Location!);

        Assert.Equal("SCO0006 is not linked to SCO0001.", afterRemove.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Empty(afterRemove.Document.QuerySelectorAll("ol.thread"));
        Assert.Equal("No commitment of another plan is linked to this one.", afterRemove.Document.QuerySelector("#thread-heading")!.ParentElement!.QuerySelector("p:not(.help)")!.TextContent);
        var audit = (await host.AdminApi.ListCommitmentLinksAsync("rejected", cancellationToken: TestContext.Current.CancellationToken)).Items.Single(l => l.CommitmentId == "SCO0006");
        Assert.Equal((host.People[WorkspaceHost.OgpLiaison].Id, "OGP", "Different reforms after all."), (audit.DecidedBy, audit.DecidedOrganisation, audit.Reason));

        // Linked again by hand, from the same page.
        var linked = await liaison.SubmitAsync(afterRemove, "#link-by-hand", new Dictionary<string, string> { ["predecessorId"] = " SCO0001 ", ["reason"] = "Same reform: the IRM says so." });
        var afterLink = await liaison.GetAsync(linked.Location!);

        Assert.Equal("SCO0006 is linked to SCO0001.", afterLink.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        var relinked = afterLink.Document.QuerySelectorAll("ol.thread > li");
        Assert.Equal(["SCO0001", "SCO0006"], relinked.Select(li => li.QuerySelector(".code")!.TextContent));
        Assert.Contains("linked by hand", relinked[1].TextContent, StringComparison.Ordinal);

        static AngleSharp.Dom.IElement Field(Page page, string label) =>
            page.Document.QuerySelectorAll("dl.fields > div").Single(d => d.QuerySelector("dt")!.TextContent == label).QuerySelector("dd")!;
    }

    [Theory]
    [InlineData("", "predecessorId is required: a commitment id of 2 to 40 letters, digits, '.', '_' or '-'.")]
    [InlineData("UK0098", "UK0098 is a commitment of GBR, BG0039 of BGR: links never cross members.")]
    public async Task Linking_by_hand_shows_the_APIs_message_beside_the_predecessor(string predecessor, string message)
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var page = await browser.GetAsync("/commitments/BG0039");

        var refused = await browser.SubmitAsync(page, "#link-by-hand", new Dictionary<string, string> { ["predecessorId"] = predecessor, ["reason"] = "Kept." });
        var after = await browser.GetAsync(refused.Location!);

        Assert.Equal("/commitments/BG0039#link-by-hand", refused.Location);
        Assert.Equal("The link was not made.", after.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        var field = after.Document.QuerySelector("#link-by-hand-predecessor")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal(message, after.Document.QuerySelector($"#{field.GetAttribute("aria-describedby")}")!.TextContent.Trim());
        Assert.Equal("Kept.", after.Document.QuerySelector("#link-by-hand-reason")!.TextContent);
    }

    [Fact]
    public async Task The_thread_section_speaks_the_persons_language()
    {
        using var browser = new PageClient(host.Address, "es");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(host.People[WorkspaceHost.OgpLiaison].Secret)).Status);

        var page = await browser.GetAsync("/commitments/BG0039");

        Assert.Equal("La reforma a lo largo de los planes", page.Document.QuerySelector("#thread-heading")!.TextContent);
        Assert.Equal("Vincular un predecesor a mano", page.Document.QuerySelector("#link-by-hand-heading")!.TextContent);
    }

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
