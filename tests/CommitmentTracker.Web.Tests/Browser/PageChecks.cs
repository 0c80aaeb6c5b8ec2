using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>What every page must pass in a browser: axe without a serious or critical violation, no script or style blocked by the CSP.</summary>
internal static class PageChecks
{
    public static async Task AccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what} ({page.Url}) has accessibility violations:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>Collects what the console says about blocked content, so a test can assert there was none.</summary>
    public static List<string> WatchConsole(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        return problems;
    }

    public static async Task SignInAsync(IPage page, string apiKey, string path = "/countries")
    {
        await page.GotoAsync(path);
        await page.Locator("#apiKey").FillAsync(apiKey);
        await page.Locator("form:has(#apiKey) button[type=submit]").ClickAsync();
    }
}
