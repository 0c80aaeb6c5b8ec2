using System.Net;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// Tagging by hand and removing a tag on a commitment's page, and the mandate form on a country's page, over HTTP
/// without script: offered to those the API allows only, with the API's messages beside the fields.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class AssessmentPageTests(WorkspaceHost host)
{
    [Theory]
    [InlineData(WorkspaceHost.Reader)]
    [InlineData(WorkspaceHost.CountryLead)]
    public async Task Readers_and_country_leads_are_offered_neither_tagging_nor_the_mandate(string role)
    {
        using var browser = await SignedInAsync(role);

        var commitment = await browser.GetAsync("/commitments/UK0098");
        var country = await browser.GetAsync("/countries/GBR");

        Assert.Null(commitment.Document.QuerySelector("form[action$='/tags/add'], form[action$='/tags/remove']"));
        Assert.Null(country.Document.QuerySelector("form[action$='/mandate']"));
    }

    [Fact]
    public async Task A_liaison_tags_by_hand_and_removes_the_tag_with_a_reason()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var page = await browser.GetAsync("/commitments/SCO0001");

        var tagged = await browser.SubmitAsync(page, "#tag-by-hand", new Dictionary<string, string> { ["tag"] = "sector-health", ["reason"] = "Health procurement." });
        var afterTag = await browser.GetAsync(tagged.Location!);

        Assert.Equal("/commitments/SCO0001#tags-heading", tagged.Location);
        Assert.Equal("SCO0001 · sector-health: confirmed", afterTag.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        var untagForm = afterTag.Document.QuerySelector("#untag-sector-health")!;
        Assert.Equal("Reason for removing Sector: health (optional)", untagForm.QuerySelector("label")!.TextContent);

        var removed = await browser.SubmitAsync(afterTag, "#untag-sector-health", new Dictionary<string, string> { ["reason"] = "Not about health after all." });
        var afterRemove = await browser.GetAsync(removed.Location!);

        Assert.Equal("SCO0001 · sector-health: removed.", afterRemove.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Null(afterRemove.Document.QuerySelector("#untag-sector-health"));
        var audit = await host.AdminApi.GetCommitmentTagHistoryAsync("SCO0001", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(audit.Items, e => e.Tag == "sector-health" && e.Action == "untagged" && e.Reason == "Not about health after all.");
    }

    [Fact]
    public async Task Tagging_without_a_tag_shows_the_APIs_message_next_to_the_tag()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var page = await browser.GetAsync("/commitments/SCO0006");

        var refused = await browser.SubmitAsync(page, "#tag-by-hand", new Dictionary<string, string> { ["tag"] = string.Empty, ["reason"] = "Kept." });
        var after = await browser.GetAsync(refused.Location!);

        Assert.Equal("The commitment was not tagged.", after.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        var select = after.Document.QuerySelector("#tag-by-hand-tag")!;
        Assert.Equal("true", select.GetAttribute("aria-invalid"));
        Assert.Contains("tag is required", after.Document.QuerySelector($"#{select.GetAttribute("aria-describedby")}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kept.", after.Document.QuerySelector("#tag-by-hand-reason")!.TextContent);
    }

    [Fact]
    public async Task The_mandate_form_shows_the_APIs_message_beside_the_score_and_saves_a_valid_assessment()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var page = await browser.GetAsync("/countries/JOR");
        Assert.NotNull(page.Document.QuerySelector("#mandate"));

        var refused = await browser.SubmitAsync(page, "#mandate", new Dictionary<string, string> { ["politicalLeadership.note"] = "The minister chairs the forum." });
        var after = await browser.GetAsync(refused.Location!);

        Assert.Equal("The mandate was not saved.", after.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        var score = after.Document.QuerySelector("#mandate-politicalLeadership-score")!;
        Assert.Equal("true", score.GetAttribute("aria-invalid"));
        var message = after.Document.QuerySelector($"#{score.GetAttribute("aria-describedby")}")!;
        Assert.Equal("score is required, from 0 to 3.", message.TextContent.Trim());
        Assert.Equal("The minister chairs the forum.", after.Document.QuerySelector("#mandate-politicalLeadership-note")!.TextContent);

        var saved = await browser.SubmitAsync(after, "#mandate", new Dictionary<string, string> { ["politicalLeadership.score"] = "2", ["politicalLeadership.note"] = "The minister chairs the forum.", ["coalition.score"] = "1" });
        var afterSave = await browser.GetAsync(saved.Location!);

        Assert.Equal("The mandate is saved; the assessment follows.", afterSave.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        var mandate = await Eventually.GetAsync(() => host.AdminApi.GetMemberEngagementAsync("JOR"), e => e.Mandate is not null, TimeSpan.FromSeconds(30), "the JOR mandate in its assessment");
        Assert.Equal((2, "The minister chairs the forum.", 1), (mandate.Mandate!.PoliticalLeadership!.Score, mandate.Mandate.PoliticalLeadership.Note, mandate.Mandate.Coalition!.Score));
        Assert.Null(mandate.Mandate.Resources);
    }

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
