using System.Text.RegularExpressions;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>Re-suggesting with its live progress and mapping a registry name, in a real browser on the host of <see cref="AdminWorkspace"/>.</summary>
[Collection(AdminWorkspace.Name)]
public sealed class AdminStoreBrowserTests(AdminWorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task An_admin_re_suggests_and_the_progress_bar_reaches_100_percent_without_a_reload()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/rules");

        await page.GetByLabel("Reason (optional)").FillAsync("browser test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-suggest now" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/admin/rules\?recompute=\d+"));
        var bar = page.Locator("progress#resuggest-progress");
        await Assertions.Expect(bar).ToHaveAttributeAsync("value", "100", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#resuggest-text")).ToHaveTextAsync(new Regex(@"^20 of 20 commitments \(100 %\), finished"));
        await PageChecks.AccessibleAsync(page, "suggestion rules after re-suggesting");
        await PageChecks.ScreenshotAsync(page, "admin-rules-resuggested");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task An_admin_maps_an_unmapped_registry_name()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/registry");
        await PageChecks.AccessibleAsync(page, "OCDS registry with unmapped names");

        await page.GetByLabel($"Member code for {AdminWorkspaceHost.Moldavie}").FillAsync("MDA");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Map {AdminWorkspaceHost.Moldavie}" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice-box.success .notice-text")).ToHaveTextAsync("Moldavie now maps to MDA (1 publications).");
        await Assertions.Expect(page.GetByLabel($"Member code for {AdminWorkspaceHost.Moldavie}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remove the mapping of {AdminWorkspaceHost.Moldavie}" })).ToBeVisibleAsync();
        await PageChecks.AccessibleAsync(page, "OCDS registry after mapping");
        await PageChecks.ScreenshotAsync(page, "admin-registry");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }
}
