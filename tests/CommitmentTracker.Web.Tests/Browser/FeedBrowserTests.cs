using System.Text.RegularExpressions;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>
/// Following and the live unread count in a real browser: a country lead follows Bulgaria, an import changes BG0039,
/// the header's count rises while the page stays as it is, the feed shows the field before and after, and subscribing
/// outside its scope shows the API's message.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class FeedBrowserTests(WorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task A_country_lead_follows_Bulgaria_and_an_import_changing_BG0039_raises_the_count_without_a_reload()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.CountryLead].Secret, "/countries/BGR");

        await page.GetByRole(AriaRole.Button, new() { Name = "Follow Bulgaria" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "follow" })).ToHaveTextAsync("You now follow Bulgaria.");
        await Assertions.Expect(page.Locator(".following")).ToContainTextAsync("You follow Bulgaria");
        await PageChecks.AccessibleAsync(page, "country page followed");
        var badge = page.Locator("[data-unread-count]");
        await Assertions.Expect(badge).ToBeHiddenAsync(); // nothing unread yet

        // The page stays open: a marker on the window survives only if nothing reloads it.
        await page.EvaluateAsync("window.stillTheSamePage = true");
        await host.ImportChangedSampleAsync(sheet => sheet.Replace(",Public Procurement Agency,", ",Public Procurement Agency and Ministry of Finance,", StringComparison.Ordinal));

        await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(badge).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await Assertions.Expect(page.Locator("[data-unread-text]")).ToHaveTextAsync(new Regex("^[1-9][0-9]* unread$"));
        await PageChecks.ScreenshotAsync(page, "country-BGR-unread-count");

        await page.Locator(".main-nav a[href=notifications]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Notifications");
        var change = page.Locator("section[aria-labelledby=unread-heading] .feed-item", new() { HasText = "BG0039" });
        var row = change.Locator("table.diff tbody tr", new() { HasText = "Public Procurement Agency" });
        await Assertions.Expect(row.Locator("del")).ToHaveTextAsync("Public Procurement Agency");
        await Assertions.Expect(row.Locator("ins")).ToHaveTextAsync("Public Procurement Agency and Ministry of Finance");
        await PageChecks.AccessibleAsync(page, "notifications");
        await PageChecks.ScreenshotAsync(page, "notifications-country-lead");

        await change.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Marked as read." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=read-heading] .feed-item", new() { HasText = "BG0039" })).ToHaveCountAsync(1);

        // Outside its scope the API refuses, and its message stands next to the members field.
        await page.Locator(".main-nav a[href=subscriptions]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Subscriptions");
        await Assertions.Expect(page.Locator(".subscription", new() { HasText = "Follow Bulgaria" })).ToHaveCountAsync(1);
        var form = page.Locator("#new-subscription");
        await form.GetByLabel("Members").FillAsync("KGZ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("The subscription was not saved.");
        await Assertions.Expect(page.Locator("#new-subscription-members-error")).ToHaveTextAsync("Outside your member scope: KGZ.");
        await Assertions.Expect(form.GetByLabel("Members")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.AccessibleAsync(page, "subscriptions with the API's message");
        await PageChecks.ScreenshotAsync(page, "subscriptions-outside-scope");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }
}
