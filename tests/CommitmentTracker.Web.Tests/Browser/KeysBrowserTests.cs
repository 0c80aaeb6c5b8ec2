using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>/admin/keys in a real browser: axe on the page and on the form with the API's messages; the secret shown once.</summary>
[Collection(SharedWorkspace.Name)]
public sealed class KeysBrowserTests(WorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task An_admin_issues_a_key_and_the_page_passes_axe_before_and_after()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/keys");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("API keys");
        await PageChecks.AccessibleAsync(page, "API keys");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Rosa reader (browser)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("The key was not issued.");
        await PageChecks.AccessibleAsync(page, "API keys with the API's messages");
        await PageChecks.ScreenshotAsync(page, "admin-keys-refused");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Reader", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Issued" })).ToContainTextAsync("Issued: Rosa reader (browser)");
        await Assertions.Expect(page.GetByLabel("API key", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".{16,}"));
        await PageChecks.AccessibleAsync(page, "API keys with a new secret");
        await PageChecks.ScreenshotAsync(page, "admin-keys-issued");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }
}
