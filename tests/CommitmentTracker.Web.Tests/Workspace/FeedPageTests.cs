using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Web.Session;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// "Follow" on a country page, the in-app feed and the header's unread count, over HTTP without script. Each test
/// follows a member no other test follows; the browser test has the country lead's Bulgaria.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class FeedPageTests(WorkspaceHost host)
{
    [Fact]
    public async Task A_reader_is_offered_neither_the_feed_nor_follow()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var country = await browser.GetAsync("/countries/JOR");

        Assert.Null(country.Document.QuerySelector(".main-nav a[href=notifications]"));
        Assert.Null(country.Document.QuerySelector("form[action='/subscriptions/follow']"));
    }

    [Fact]
    public async Task A_country_lead_is_offered_follow_within_its_scope_only()
    {
        using var browser = await SignedInAsync(WorkspaceHost.CountryLead);

        var inScope = await browser.GetAsync("/countries/GBR");
        var outside = await browser.GetAsync("/countries/KGZ");

        Assert.Equal("Follow United Kingdom", inScope.Document.QuerySelector("form[action='/subscriptions/follow'] button")!.TextContent);
        Assert.Null(outside.Document.QuerySelector("form[action='/subscriptions/follow']"));
        Assert.NotNull(outside.Document.QuerySelector(".main-nav a[href=notifications]"));
    }

    [Fact]
    public async Task Following_makes_a_feed_subscription_and_the_page_then_says_so_instead_of_offering_it_again()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var page = await browser.GetAsync("/countries/JOR");

        var followed = await browser.SubmitAsync(page, "form[action='/subscriptions/follow']", new Dictionary<string, string>());
        var after = await browser.GetAsync(followed.Location!);

        Assert.Equal(HttpStatusCode.SeeOther, followed.Status);
        Assert.Equal("/countries/JOR", followed.Location);
        Assert.Equal("You now follow Jordan.", after.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Null(after.Document.QuerySelector("form[action='/subscriptions/follow']"));
        Assert.Contains("You follow Jordan", after.Document.QuerySelector(".following")!.TextContent, StringComparison.Ordinal);
        var subscription = Assert.Single((await ApiOf(WorkspaceHost.OcpLiaison).ListSubscriptionsAsync(cancellationToken: TestContext.Current.CancellationToken)).Items, s => s.Members.SequenceEqual(["JOR"]));
        Assert.Equal(["feed"], subscription.Channels);
        Assert.Equal("immediate", subscription.Frequency);
    }

    [Fact]
    public async Task The_feed_lists_unread_first_with_before_and_after_and_marks_one_or_all_read()
    {
        var api = ApiOf(WorkspaceHost.OgpLiaison);
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var country = await browser.GetAsync("/countries/MDA");
        await browser.SubmitAsync(country, "form[action='/subscriptions/follow']", new Dictionary<string, string>());
        var subscription = (await api.ListSubscriptionsAsync(cancellationToken: TestContext.Current.CancellationToken)).Items.Single(s => s.Members.SequenceEqual(["MDA"]));
        for (var i = 0; i < 3; i++)
        {
            await api.TestSubscriptionAsync(subscription.Id, TestContext.Current.CancellationToken);
        }

        var feed = await browser.GetAsync("/notifications");

        Assert.Equal("3", feed.Document.QuerySelector("[data-unread-count]")!.TextContent);
        Assert.Equal("3 unread", feed.Document.QuerySelector("[data-unread-text]")!.TextContent);
        var unread = feed.Document.QuerySelectorAll("section[aria-labelledby=unread-heading] .feed-item").ToList();
        Assert.Equal(3, unread.Count);
        var first = unread[0];
        Assert.Contains("Test", first.QuerySelector("h3 .badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/commitments/BG0039", first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal(["IRM End of Term Completion", "Limited", "Substantial"], first.QuerySelectorAll("table.diff tbody tr > *").Select(c => c.TextContent));
        Assert.Equal("en", first.QuerySelector(".feed-summary")!.GetAttribute("lang"));

        var markedOne = await browser.SubmitAsync(feed, $"#{first.Id} form", new Dictionary<string, string>());
        var afterOne = await browser.GetAsync(markedOne.Location!);
        Assert.Equal("Marked as read.", afterOne.Document.QuerySelector(".notice-box .notice-text")!.TextContent);
        Assert.Equal("2", afterOne.Document.QuerySelector("[data-unread-count]")!.TextContent);
        Assert.NotNull(afterOne.Document.QuerySelector($"section[aria-labelledby=read-heading] #{first.Id}"));
        Assert.Null(afterOne.Document.QuerySelector($"#{first.Id} form"));

        // "Mark all read" marks what the page showed: an item that arrives meanwhile stays unread.
        await api.TestSubscriptionAsync(subscription.Id, TestContext.Current.CancellationToken);
        var markedAll = await browser.SubmitManyAsync(afterOne, "form[action='/notifications/read-all']", []);
        var afterAll = await browser.GetAsync(markedAll.Location!);
        Assert.Equal("Marked 2 as read.", afterAll.Document.QuerySelector(".notice-box .notice-text")!.TextContent);
        Assert.Equal("1", afterAll.Document.QuerySelector("[data-unread-count]")!.TextContent);
        Assert.Single(afterAll.Document.QuerySelectorAll("section[aria-labelledby=unread-heading] .feed-item"));
        Assert.Equal(3, afterAll.Document.QuerySelectorAll("section[aria-labelledby=read-heading] .feed-item").Length);

        var markedRest = await browser.SubmitManyAsync(afterAll, "form[action='/notifications/read-all']", []);
        var afterRest = await browser.GetAsync(markedRest.Location!);
        Assert.Equal("Marked 1 as read.", afterRest.Document.QuerySelector(".notice-box .notice-text")!.TextContent);
        Assert.True(afterRest.Document.QuerySelector("[data-unread-count]")!.HasAttribute("hidden"));
        Assert.Contains("Nothing unread.", afterRest.Main, StringComparison.Ordinal);
        Assert.Equal(0, (await api.ListNotificationsAsync(true, cancellationToken: TestContext.Current.CancellationToken)).Total);
    }

    [Fact]
    public async Task The_unread_count_endpoint_answers_the_count_and_its_words_uncached()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);

        var count = await browser.GetAsync("/notifications/unread-count");

        Assert.Equal(HttpStatusCode.OK, count.Status);
        Assert.Equal("application/json", count.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", count.Response.Headers.CacheControl?.ToString());
        Assert.StartsWith("{\"count\":", count.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_without_the_antiforgery_token_is_refused()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);

        var forged = await browser.PostAsync("/subscriptions/follow", new Dictionary<string, string> { ["member"] = "SLE" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.DoesNotContain((await host.AdminApi.ListSubscriptionsAsync(cancellationToken: TestContext.Current.CancellationToken)).Items, s => s.Members.Contains("SLE"));
    }

    private ICommitmentTrackerApi ApiOf(string role) => CommitmentTrackerClient.Create(host.Address, host.People[role].Secret);

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
