using System.Text.RegularExpressions;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>
/// The review queue in a real browser: the two organisations confirm KG0009 as open contracting (one by keyboard
/// shortcut, one by button) and Kyrgyzstan's page then counts it; a bulk rejection with JavaScript off reports each.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class ReviewBrowserTests(WorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task Both_organisations_accept_KG0009s_open_contracting_suggestion_and_Kyrgyzstans_page_shows_it()
    {
        chromium.Require();
        await using var ogpContext = await chromium.NewContextAsync(host.Address);
        var ogp = await ogpContext.NewPageAsync();
        var console = PageChecks.WatchConsole(ogp);
        await PageChecks.SignInAsync(ogp, host.People[WorkspaceHost.OgpLiaison].Secret, "/review?member=KGZ&tag=open-contracting");

        var row = ogp.Locator("[data-review-row]", new() { HasText = "KG0009" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(ogp.Locator("[data-shortcuts-help]")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".excerpt mark").First).ToHaveTextAsync(new Regex("contracts", RegexOptions.IgnoreCase));
        await PageChecks.AccessibleAsync(ogp, "review queue");
        await PageChecks.ScreenshotAsync(ogp, "review-ogp-liaison");

        // The keyboard shortcut: focus in the row, "a" accepts it.
        await row.Locator("h3 a").FocusAsync();
        await ogp.Keyboard.PressAsync("a");
        await Assertions.Expect(ogp.GetByRole(AriaRole.Status).Filter(new() { HasText = "KG0009" })).ToHaveTextAsync("KG0009 · open-contracting: waiting for OCP");
        await PageChecks.AccessibleAsync(ogp, "review queue after accepting");
        await PageChecks.ScreenshotAsync(ogp, "review-waiting-for-ocp");
        Assert.True(console.Count == 0, string.Join("\n", console));

        await using var ocpContext = await chromium.NewContextAsync(host.Address);
        var ocp = await ocpContext.NewPageAsync();
        await PageChecks.SignInAsync(ocp, host.People[WorkspaceHost.OcpLiaison].Secret, "/review?member=KGZ&waiting=true");
        var waiting = ocp.Locator("[data-review-row]", new() { HasText = "open-contracting" });
        await Assertions.Expect(waiting.Locator(".state-text")).ToHaveTextAsync("waiting for OCP");
        await Assertions.Expect(waiting.Locator(".approved-by")).ToHaveTextAsync("OGP");
        await waiting.GetByLabel("Reason (optional)").FillAsync("Contract disclosure is open contracting.");
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Assertions.Expect(ocp.GetByRole(AriaRole.Status).Filter(new() { HasText = "KG0009" })).ToHaveTextAsync("KG0009 · open-contracting: confirmed");

        // Engagement counts it once the confirmation reaches it: the country page marks the commitment.
        var marked = ocp.Locator(".timeline li:has(a[href='/commitments/KG0009']) .badge.oc");
        for (var attempt = 0; attempt < 60 && await marked.CountAsync() == 0; attempt++)
        {
            await ocp.GotoAsync("/countries/KGZ");
            if (await marked.CountAsync() == 0)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }

        await Assertions.Expect(marked).ToHaveTextAsync("Open contracting");
        await PageChecks.ScreenshotAsync(ocp, "country-KGZ-open-contracting");
    }

    [Fact]
    public async Task A_bulk_rejection_of_three_suggestions_with_javascript_off_reports_each()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address, javaScript: false);
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.OgpLiaison].Secret, "/review?tag=sector-extractives");

        var boxes = page.Locator("[data-review-row] input[type=checkbox]");
        await Assertions.Expect(boxes).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-shortcuts-help]")).ToBeHiddenAsync(); // no script, no shortcuts to speak of
        foreach (var box in await boxes.AllAsync())
        {
            await box.CheckAsync();
        }

        await page.Locator("#bulk").GetByLabel("Reason (optional)").FillAsync("Extractives are out of scope for this review.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject selected" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rejected" });
        await Assertions.Expect(notice.Locator(".notice-text")).ToHaveTextAsync("Rejected 3 of 3 suggestions.");
        var lines = (await notice.Locator("li").AllTextContentsAsync()).Order(StringComparer.Ordinal);
        Assert.Equal(["MN0045 · sector-extractives: rejected", "MW0010 · sector-extractives: rejected", "SL0033 · sector-extractives: rejected"], lines);
        await Assertions.Expect(page.Locator("[data-review-row]")).ToHaveCountAsync(0);
        // No axe here: it runs as a script, and scripts are off (the queue and a notice are checked with them on, above).
        await PageChecks.ScreenshotAsync(page, "review-bulk-rejected");
    }
}
