using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Web.Session;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// The subscriptions page over HTTP without script: each role, create with the API's messages next to the fields, the
/// webhook secret shown once, edit, pause and resume, send a test and see its deliveries, delete.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class SubscriptionPageTests(WorkspaceHost host)
{
    [Fact]
    public async Task A_reader_sees_no_subscription_and_no_form()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var page = await browser.GetAsync("/subscriptions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("You have no subscription yet.", page.Main, StringComparison.Ordinal);
        var posts = page.Document.QuerySelectorAll("form[method=post]").Select(f => f.GetAttribute("action")).ToHashSet();
        Assert.Subset(new HashSet<string?> { WebSession.SignOutPath, WebEndpoints.CulturePath }, posts);
        Assert.Null(page.Document.QuerySelector(".main-nav a[href=subscriptions]"));
    }

    [Fact]
    public async Task A_country_lead_subscribing_outside_its_scope_is_shown_the_APIs_message_next_to_the_members()
    {
        using var browser = await SignedInAsync(WorkspaceHost.CountryLead);
        var page = await browser.GetAsync("/subscriptions");
        Assert.Contains("within your scope: GBR, BGR", page.Document.QuerySelector("#new-subscription-members-help")!.TextContent, StringComparison.Ordinal);

        var refused = await browser.SubmitManyAsync(page, "#new-subscription", [("name", "Kyrgyz watch"), ("members", "KGZ"), ("channels", "feed"), ("frequency", "immediate")]);
        var after = await browser.GetAsync(refused.Location!);

        Assert.Equal("/subscriptions#new-subscription", refused.Location);
        Assert.Equal("The subscription was not saved.", after.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        var members = after.Document.QuerySelector("#new-subscription-members")!;
        Assert.Equal("KGZ", members.GetAttribute("value"));
        Assert.Equal("Kyrgyz watch", after.Document.QuerySelector("#new-subscription-name")!.GetAttribute("value"));
        Assert.Equal("true", members.GetAttribute("aria-invalid"));
        var message = after.Document.QuerySelector("#new-subscription-members-error")!;
        Assert.Equal("Outside your member scope: KGZ.", message.TextContent.Trim());
        Assert.Contains("new-subscription-members-error", members.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.DoesNotContain((await ApiOf(WorkspaceHost.CountryLead).ListSubscriptionsAsync(cancellationToken: TestContext.Current.CancellationToken)).Items, s => s.Name == "Kyrgyz watch");
    }

    [Fact]
    public async Task A_digest_without_its_schedule_and_an_hour_that_is_no_number_are_said_beside_their_fields()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var page = await browser.GetAsync("/subscriptions");

        var noSchedule = await browser.GetAsync((await browser.SubmitManyAsync(page, "#new-subscription", [("members", "MWI"), ("channels", "feed"), ("frequency", "weekly")])).Location!);
        var notANumber = await browser.GetAsync((await browser.SubmitManyAsync(page, "#new-subscription", [("members", "MWI"), ("channels", "feed"), ("frequency", "daily"), ("digestHour", "seven")])).Location!);

        Assert.Equal("timeZone must be an IANA time zone (e.g. Europe/Sofia) for a digest.", noSchedule.Document.QuerySelector("#new-subscription-timeZone-error")!.TextContent.Trim());
        Assert.Equal("digestHour (0–23) is required for a digest.", noSchedule.Document.QuerySelector("#new-subscription-digestHour-error")!.TextContent.Trim());
        Assert.Equal("digestDay (monday … sunday) is required for a weekly digest.", noSchedule.Document.QuerySelector("#new-subscription-digestDay-error")!.TextContent.Trim());
        Assert.Equal("weekly", noSchedule.Document.QuerySelector("#new-subscription-frequency option[selected]")!.GetAttribute("value"));
        var hour = notANumber.Document.QuerySelector("#new-subscription-digestHour-error")!;
        Assert.Equal("Enter the hour as a whole number from 0 to 23.", hour.TextContent.Trim());
        Assert.Null(hour.GetAttribute("lang")); // the workspace's words, in the person's language
    }

    [Fact]
    public async Task A_webhook_subscription_shows_its_secret_once_then_is_edited_paused_tested_and_deleted()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/subscriptions");

        var created = await browser.SubmitManyAsync(page, "#new-subscription",
            [("name", "Moldova hook"), ("members", "mda"), ("channels", "webhook"), ("webhookUrl", "http://127.0.0.1:9/hook"), ("eventKinds", "commitment-changed"), ("frequency", "immediate")]);
        var afterCreate = await browser.GetAsync(created.Location!);
        var secret = afterCreate.Document.QuerySelector(".notice-box .secret input")!.GetAttribute("value")!;
        var subscription = (await host.AdminApi.ListSubscriptionsAsync(cancellationToken: TestContext.Current.CancellationToken)).Items.Single(s => s.Name == "Moldova hook");

        Assert.Equal($"/subscriptions#sub-{subscription.Id:N}", created.Location);
        Assert.Equal("Subscribed: Moldova hook", afterCreate.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(secret));
        Assert.DoesNotContain(secret, (await browser.GetAsync("/subscriptions")).Html, StringComparison.Ordinal); // once only
        var card = afterCreate.Document.QuerySelector($"#sub-{subscription.Id:N}")!;
        Assert.Contains("MDA", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Commitment changed", card.TextContent, StringComparison.Ordinal);

        var edit = await browser.GetAsync($"/subscriptions/{subscription.Id}");
        Assert.Equal("Moldova hook", edit.Document.QuerySelector($"#edit-{subscription.Id:N}-name")!.GetAttribute("value"));
        Assert.NotNull(edit.Document.QuerySelector($"#edit-{subscription.Id:N} input[name=eventKinds][value=commitment-changed][checked]"));
        var saved = await browser.SubmitManyAsync(edit, $"#edit-{subscription.Id:N}",
            [("name", "Moldova and Romania hook"), ("members", "MDA, ROU"), ("channels", "webhook"), ("webhookUrl", "http://127.0.0.1:9/hook"), ("frequency", "immediate")]);
        var afterSave = await browser.GetAsync(saved.Location!);
        Assert.Equal("Saved: Moldova and Romania hook", afterSave.Document.QuerySelector(".notice-box .notice-text")!.TextContent);
        var changed = await host.AdminApi.GetSubscriptionAsync(subscription.Id, TestContext.Current.CancellationToken);
        Assert.Equal(["MDA", "ROU"], changed.Members);
        Assert.Empty(changed.EventKinds);

        var paused = await browser.GetAsync((await browser.SubmitAsync(afterSave, $"form[action='/subscriptions/{subscription.Id}/active']", new Dictionary<string, string>())).Location!);
        Assert.Contains("Paused", paused.Document.QuerySelector(".notice-box .notice-text")!.TextContent, StringComparison.Ordinal);
        Assert.False((await host.AdminApi.GetSubscriptionAsync(subscription.Id, TestContext.Current.CancellationToken)).Active);
        Assert.Null(paused.Document.QuerySelector($"form[action='/subscriptions/{subscription.Id}/test']")); // a paused one cannot be tested
        var resumed = await browser.GetAsync((await browser.SubmitAsync(paused, $"form[action='/subscriptions/{subscription.Id}/active']", new Dictionary<string, string>())).Location!);
        Assert.Equal("Resumed.", resumed.Document.QuerySelector(".notice-box .notice-text")!.TextContent);

        var tested = await browser.GetAsync((await browser.SubmitAsync(resumed, $"form[action='/subscriptions/{subscription.Id}/test']", new Dictionary<string, string>())).Location!);
        Assert.Equal("A test is on its way on each channel:", tested.Document.QuerySelector(".notice-box .notice-text")!.TextContent);
        Assert.StartsWith("Webhook: ", tested.Document.QuerySelector(".notice-box li")!.TextContent, StringComparison.Ordinal);
        var deliveries = tested.Document.QuerySelector($"#sub-{subscription.Id:N} table")!;
        Assert.Equal("Recent deliveries", deliveries.QuerySelector("caption")!.TextContent);
        Assert.Contains("Test", deliveries.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);

        var deleted = await browser.GetAsync((await browser.SubmitAsync(tested, $"form[action='/subscriptions/{subscription.Id}/delete']", new Dictionary<string, string>())).Location!);
        Assert.Equal("Deleted.", deleted.Document.QuerySelector(".notice-box .notice-text")!.TextContent);
        Assert.Null(deleted.Document.QuerySelector($"#sub-{subscription.Id:N}"));
    }

    [Fact]
    public async Task Another_persons_subscription_is_a_404_page()
    {
        var theirs = await ApiOf(WorkspaceHost.OgpLiaison).CreateSubscriptionAsync(
            new Contracts.Api.CreateSubscriptionRequest("OGP's own", ["MNG"], null, null, ["feed"], null, null, null, null, null, null), TestContext.Current.CancellationToken);
        using var browser = await SignedInAsync(WorkspaceHost.CountryLead);

        var page = await browser.GetAsync($"/subscriptions/{theirs.Subscription.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("There is no such subscription of yours.", page.Main, StringComparison.Ordinal);
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
