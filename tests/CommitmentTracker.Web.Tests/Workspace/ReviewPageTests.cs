using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Session;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// The review queue over HTTP, without script: each role, the filters, one decision and several, and what the API
/// refused (a change since the page was read, a reason too long, nothing selected). Each test decides suggestions no
/// other test of the shared host touches (the browser tests take KG0009 and Scotland's).
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class ReviewPageTests(WorkspaceHost host)
{
    [Theory]
    [InlineData(WorkspaceHost.Reader)]
    [InlineData(WorkspaceHost.CountryLead)]
    public async Task A_person_who_cannot_review_reads_the_queue_without_any_action(string role)
    {
        using var browser = await SignedInAsync(role);
        // Other tests of the shared host decide some of Guatemala's suggestions: every one still open is shown.
        var open = (await host.AdminApi.ListTagSuggestionsAsync("open", "GTM", null, pageSize: 200, cancellationToken: TestContext.Current.CancellationToken)).Items;

        var page = await browser.GetAsync("/review?member=GTM");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotEmpty(open);
        Assert.Equal(open.Count, page.Document.QuerySelectorAll("[data-review-row]").Length);
        var posts = page.Document.QuerySelectorAll("form[method=post]").Select(f => f.GetAttribute("action")).ToHashSet();
        Assert.Subset(new HashSet<string?> { WebSession.SignOutPath, WebEndpoints.CulturePath }, posts);
        Assert.Empty(page.Document.QuerySelectorAll("input[type=checkbox], textarea, [data-review-accept], [data-review-reject]"));
        Assert.Null(page.Document.QuerySelector("#waiting"));
        Assert.Null(page.Document.QuerySelector(".main-nav a[href=review]")); // not offered in the navigation either
    }

    [Fact]
    public async Task A_liaison_sees_the_queue_highest_confidence_first_with_evidence_in_context()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);

        var page = await browser.GetAsync("/review?member=GTM");

        Assert.NotNull(page.Document.QuerySelector(".main-nav a[href=review]"));
        var rows = page.Document.QuerySelectorAll("[data-review-row]");
        var confidences = rows.Select(r => int.Parse(r.QuerySelector(".confidence")!.TextContent.TrimEnd('%', ' ', '\u00a0'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(confidences.OrderDescending(), confidences);
        var openContracting = rows.Single(r => r.TextContent.Contains("open-contracting", StringComparison.Ordinal));
        Assert.Contains("GT0106", openContracting.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Nobody yet", openContracting.QuerySelector(".approved-by")!.TextContent);
        // The matched words in context: an excerpt of the full text with the words marked.
        var excerpts = openContracting.QuerySelectorAll(".excerpt");
        Assert.NotEmpty(excerpts);
        Assert.Contains(excerpts.SelectMany(e => e.QuerySelectorAll("mark")), m => m.TextContent.Equals("Contrataciones Abiertas", StringComparison.OrdinalIgnoreCase));
        Assert.All(excerpts, e => Assert.True(e.TextContent.Length > e.QuerySelector("mark")!.TextContent.Length));
        Assert.NotNull(openContracting.QuerySelector("form.decide [data-review-accept]"));
        Assert.NotNull(openContracting.QuerySelector("form.decide textarea[name=reason]"));
    }

    [Theory]
    [InlineData("/review?region=Americas", new[] { "GTM" })]
    [InlineData("/review?member=MWI&tag=beneficial-ownership", new[] { "MWI" })]
    [InlineData("/review?region=Africa%20and%20the%20Middle%20East&tag=beneficial-ownership", new[] { "MWI", "SLE" })]
    public async Task Filters_narrow_the_queue_through_the_query_string(string url, string[] members)
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);

        var page = await browser.GetAsync(url);

        var shown = page.Document.QuerySelectorAll("[data-review-row] input[name=member]").Select(i => i.GetAttribute("value")).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(members, shown);
    }

    [Fact]
    public async Task The_minimum_confidence_keeps_the_surer_suggestions_and_a_value_it_cannot_read_is_said_beside_the_field()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);

        var all = await browser.GetAsync("/review?member=LVA");
        var sure = await browser.GetAsync("/review?minConfidence=90&member=LVA");
        var unreadable = await browser.GetAsync("/review?minConfidence=lots");

        // Latvia's four: open-contracting, public-procurement and oc-participation at 90 % or more, e-procurement below.
        Assert.Contains("66%", Confidences(all));
        Assert.Equal(["94%", "99%", "99%"], Confidences(sure));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.Status);
        Assert.Equal("true", unreadable.Document.QuerySelector("#minConfidence")!.GetAttribute("aria-invalid"));
        Assert.Contains("minConfidence-error", unreadable.Document.QuerySelector("#minConfidence")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("Enter a whole number from 0 to 100", unreadable.Document.QuerySelector("#minConfidence-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_one_suggestion_says_it_is_confirmed_and_it_leaves_the_queue()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var page = await browser.GetAsync("/review?member=HRV&tag=public-procurement");

        var decided = await browser.SubmitAsync(page, "form.decide", new Dictionary<string, string> { ["reason"] = "Procurement reform throughout." }, "decision", "accept");
        var after = await browser.GetAsync(decided.Location!);

        Assert.Equal(HttpStatusCode.SeeOther, decided.Status);
        Assert.Equal("/review?member=HRV&tag=public-procurement", decided.Location);
        Assert.Equal("HR0006 · public-procurement: confirmed", after.Document.QuerySelector(".notice-box.success[role=status] .notice-text")!.TextContent);
        Assert.Empty(after.Document.QuerySelectorAll("[data-review-row]"));
        var audit = await host.AdminApi.GetCommitmentTagHistoryAsync("HR0006", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(audit.Items, e => e.Action == "accepted" && e.Reason == "Procurement reform throughout." && e.Organisation == "OGP");
        // Read once: a reload shows the page as it is, without the notice.
        Assert.Null((await browser.GetAsync(decided.Location!)).Document.QuerySelector(".notice-box"));
    }

    [Fact]
    public async Task A_suggestion_changed_since_the_page_was_read_is_explained_and_its_row_shown_as_it_is_now()
    {
        using var ogp = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var page = await ogp.GetAsync("/review?member=ROU&tag=open-contracting");
        var suggestion = (await host.AdminApi.ListTagSuggestionsAsync("open", "ROU", "open-contracting", cancellationToken: TestContext.Current.CancellationToken)).Items.Single();
        // Meanwhile OCP accepts it: the version the page carries is no longer current.
        await ApiOf(WorkspaceHost.OcpLiaison).AcceptTagSuggestionAsync(suggestion.Id, new ReviewSuggestionRequest(null), cancellationToken: TestContext.Current.CancellationToken);

        var refused = await ogp.SubmitAsync(page, "form.decide", new Dictionary<string, string>(), "decision", "accept");
        var after = await ogp.GetAsync(refused.Location!);

        Assert.Equal(HttpStatusCode.SeeOther, refused.Status);
        Assert.EndsWith($"#s-{suggestion.Id:N}", refused.Location, StringComparison.Ordinal);
        var notice = after.Document.QuerySelector(".notice-box.error[role=alert]")!;
        Assert.Equal("RO0018 · open-contracting changed since you read it; it is now: waiting for OGP. The queue below shows it as it is now.", notice.QuerySelector(".notice-text")!.TextContent);
        Assert.Contains("The suggestion changed since you read it.", notice.QuerySelector("li[lang=en]")!.TextContent, StringComparison.Ordinal);
        var row = after.Document.QuerySelector($"#s-{suggestion.Id:N}")!;
        Assert.Equal("OCP", row.QuerySelector(".approved-by")!.TextContent);
        Assert.Equal((suggestion.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector("input[name=version]")!.GetAttribute("value"));

        // Decided again on the row as it is now, it is confirmed.
        var accepted = await ogp.SubmitAsync(after, $"#s-{suggestion.Id:N} form.decide", new Dictionary<string, string>(), "decision", "accept");
        Assert.Equal("RO0018 · open-contracting: confirmed", (await ogp.GetAsync(accepted.Location!)).Document.QuerySelector(".notice-box .notice-text")!.TextContent);
    }

    [Fact]
    public async Task A_reason_the_API_refuses_is_shown_next_to_the_field_with_the_reason_kept()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var page = await browser.GetAsync("/review?member=UKR&tag=e-procurement");
        var tooLong = new string('r', 1001);

        var refused = await browser.SubmitAsync(page, "form.decide", new Dictionary<string, string> { ["reason"] = tooLong }, "decision", "reject");
        var after = await browser.GetAsync(refused.Location!);

        var reason = after.Document.QuerySelector("[data-review-row] textarea[name=reason]")!;
        Assert.Equal(tooLong, reason.TextContent);
        Assert.Equal("true", reason.GetAttribute("aria-invalid"));
        var message = after.Document.QuerySelector($"#{reason.GetAttribute("aria-describedby")}")!;
        Assert.Equal("reason has at most 1000 characters.", message.TextContent.Trim());
        Assert.Equal("en", message.GetAttribute("lang"));
        Assert.Contains("UA0087 · e-procurement was not decided.", after.Document.QuerySelector(".notice-box.error")!.TextContent, StringComparison.Ordinal);
        Assert.Single(after.Document.QuerySelectorAll("[data-review-row]")); // still open
    }

    [Fact]
    public async Task Waiting_for_my_organisation_leaves_out_what_my_organisation_approved_and_offers_no_second_accept()
    {
        var proposed = (await host.AdminApi.ListTagSuggestionsAsync("open", "XKX", "open-contracting", cancellationToken: TestContext.Current.CancellationToken)).Items.Single();
        await ApiOf(WorkspaceHost.OgpLiaison).AcceptTagSuggestionAsync(proposed.Id, new ReviewSuggestionRequest(null), cancellationToken: TestContext.Current.CancellationToken);
        using var ogp = await SignedInAsync(WorkspaceHost.OgpLiaison);
        using var ocp = await SignedInAsync(WorkspaceHost.OcpLiaison);

        var ogpWaiting = await ogp.GetAsync("/review?member=XKX&waiting=true");
        var ogpAll = await ogp.GetAsync("/review?member=XKX");
        var ocpWaiting = await ocp.GetAsync("/review?member=XKX&waiting=true");

        var row = $"#s-{proposed.Id:N}";
        Assert.Null(ogpWaiting.Document.QuerySelector(row));
        Assert.Equal(2, ogpWaiting.Document.QuerySelectorAll("[data-review-row]").Length);
        Assert.Equal("Only those waiting for OGP", ogpWaiting.Document.QuerySelector("label[for=waiting]")!.TextContent);
        Assert.Null(ogpAll.Document.QuerySelector($"{row} [data-review-accept]"));
        Assert.NotNull(ogpAll.Document.QuerySelector($"{row} [data-review-reject]"));
        Assert.Equal("waiting for OCP", ocpWaiting.Document.QuerySelector($"{row} .state-text")!.TextContent);
        Assert.NotNull(ocpWaiting.Document.QuerySelector($"{row} [data-review-accept]"));
    }

    [Fact]
    public async Task A_bulk_decision_reports_each_suggestions_outcome_by_name()
    {
        var decidedMeanwhile = (await host.AdminApi.ListTagSuggestionsAsync("open", "PNG", "oc-disclosure", cancellationToken: TestContext.Current.CancellationToken)).Items.Single();
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var page = await browser.GetAsync("/review?tag=oc-disclosure");
        Assert.Equal(3, page.Document.QuerySelectorAll("[data-review-row]").Length);
        await host.AdminApi.RejectTagSuggestionAsync(decidedMeanwhile.Id, new ReviewSuggestionRequest("Not disclosure."), cancellationToken: TestContext.Current.CancellationToken);

        var ids = page.Document.QuerySelectorAll("input[name=ids]").Select(i => i.GetAttribute("value")!).ToList();
        var decided = await browser.SubmitManyAsync(page, "#bulk", [.. ids.Select(id => ("ids", id)), ("decision", "accept"), ("reason", "Publishes contracts.")]);
        var after = await browser.GetAsync(decided.Location!);

        var notice = after.Document.QuerySelector(".notice-box.error")!; // one of them failed
        Assert.Equal("Accepted 2 of 3 suggestions.", notice.QuerySelector(".notice-text")!.TextContent);
        var lines = notice.QuerySelectorAll("li").Select(l => l.TextContent).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["GT0106 · oc-disclosure: confirmed", "PNG0006 · oc-disclosure: not decided: The suggestion was rejected already.", "UK0098 · oc-disclosure: confirmed"], lines);
        Assert.Empty(after.Document.QuerySelectorAll("[data-review-row]"));
    }

    [Fact]
    public async Task A_bulk_decision_without_a_selection_shows_the_APIs_message()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/review?tag=sector-infrastructure");

        var refused = await browser.SubmitManyAsync(page, "#bulk", [("decision", "reject")]);
        var after = await browser.GetAsync(refused.Location!);

        Assert.Equal("The selected suggestions were not decided.", after.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Contains("See the messages next to the fields.", after.Document.QuerySelector("#bulk [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ids lists 1 to 200 suggestion ids.", after.Document.QuerySelector("#bulk .field-error[lang=en]")!.TextContent.Trim());
        Assert.Single(after.Document.QuerySelectorAll("[data-review-row]"));
    }

    [Fact]
    public async Task A_decision_without_the_antiforgery_token_is_refused()
    {
        var suggestion = (await host.AdminApi.ListTagSuggestionsAsync("open", "MDA", "public-procurement", cancellationToken: TestContext.Current.CancellationToken)).Items.Single();
        using var browser = await SignedInAsync(WorkspaceHost.Admin);

        var forged = await browser.PostAsync($"/review/{suggestion.Id}", new Dictionary<string, string> { ["decision"] = "reject", ["version"] = suggestion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal("pending", (await host.AdminApi.ListTagSuggestionsAsync("open", "MDA", "public-procurement", cancellationToken: TestContext.Current.CancellationToken)).Items.Single().Status);
    }

    [Fact]
    public async Task The_queue_speaks_spanish_and_french()
    {
        using var spanish = new PageClient(host.Address, "es");
        await spanish.SignInAsync(host.People[WorkspaceHost.OgpLiaison].Secret);
        using var french = new PageClient(host.Address, "fr");
        await french.SignInAsync(host.People[WorkspaceHost.OgpLiaison].Secret);

        var es = await spanish.GetAsync("/review?member=GTM");
        var fr = await french.GetAsync("/review?member=GTM");

        Assert.Equal("Cola de revisión", es.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Aceptar", es.Document.QuerySelector("[data-review-accept]")!.TextContent);
        Assert.Equal("File de révision", fr.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Rejeter la sélection", fr.Document.QuerySelector("#bulk button[value=reject]")!.TextContent);
    }

    private static List<string> Confidences(Page page) =>
        [.. page.Document.QuerySelectorAll(".confidence").Select(c => c.TextContent.Replace("\u00a0", string.Empty, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private ICommitmentTrackerApi ApiOf(string role) => CommitmentTrackerClient.Create(host.Address, host.People[role].Secret);

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
