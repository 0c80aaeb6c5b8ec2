using System.Text.RegularExpressions;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>
/// What a person sees in a real browser (Debian's chromium): each role signs in and reads every page with the real
/// sample; axe finds no serious or critical violation; nothing is blocked by the CSP; a screenshot of each page is kept.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed partial class BrowserTests(WorkspaceHost host, Chromium chromium)
{
    /// <summary>Each role's pages: a country in the country lead's scope, and the commitments behind the charts.</summary>
    public static TheoryData<string> Roles => [.. WorkspaceHost.Roles];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_signs_in_and_reads_every_page(string role)
    {
        chromium.Require();
        var person = host.People[role];
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);

        await PageChecks.SignInAsync(page, person.Secret);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/countries$"));
        await Assertions.Expect(page.Locator(".person-name")).ToHaveTextAsync(person.Name);

        (string Path, string Name, string Heading)[] pages =
        [
            ("/countries", "countries", "Countries and localities"),
            ("/countries/GBR", "country-GBR", "United Kingdom"),
            ("/commitments/UK0098", "commitment-UK0098", "Open contracting"),
            ("/commitments/SCO0006", "commitment-SCO0006-thread", "SCO0006"),
            ("/search?q=procurement", "search", "Search commitments"),
        ];
        foreach (var (path, name, heading) in pages)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
            Assert.Equal(1, await page.Locator("h1").CountAsync());
            await PageChecks.AccessibleAsync(page, $"{name} as {role}");
            await PageChecks.ScreenshotAsync(page, $"{role}-{name}");
        }

        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task Filters_and_paging_work_by_hand_and_keep_the_url()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.OgpLiaison].Secret, "/countries?pageSize=4");

        await page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync("Europe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("region=Europe"));
        var firstPage = await page.Locator("table.data tbody th .code").AllTextContentsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        var secondPage = await page.Locator("table.data tbody th .code").AllTextContentsAsync();

        Assert.Equal(4, firstPage.Count);
        Assert.NotEmpty(secondPage);
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.Equal("Europe", await page.GetByLabel("Region", new() { Exact = true }).InputValueAsync());
        await PageChecks.ScreenshotAsync(page, "countries-filtered-page-2");
    }

    [Fact]
    public async Task The_language_switch_changes_every_label_and_html_lang()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.CountryLead].Secret, "/countries/GBR");

        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.Locator("#engagement-heading")).ToHaveTextAsync("Evaluación del compromiso");
        await PageChecks.AccessibleAsync(page, "country in Spanish");
        await PageChecks.ScreenshotAsync(page, "country-GBR-es");

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await page.GotoAsync("/search?q=procurement");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Rechercher des engagements");
        await PageChecks.ScreenshotAsync(page, "search-fr");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_a_revoked_key_is_thrown_out()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();

        await PageChecks.SignInAsync(page, "ctk_this-key-was-never-issued");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This key was not accepted");
        await PageChecks.AccessibleAsync(page, "sign-in with an error");
        await PageChecks.ScreenshotAsync(page, "signin-wrong-key");

        var person = await host.IssueThrowawayAsync("to be revoked (browser)");
        await page.GetByLabel("API key").FillAsync(person.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".person-name")).ToHaveTextAsync(person.Name);

        await host.AdminApi.RevokeApiKeyAsync(person.Id, TestContext.Current.CancellationToken);
        await page.GetByRole(AriaRole.Link, new() { Name = "Search commitments" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?ended=true"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your session has ended");
        await PageChecks.ScreenshotAsync(page, "signin-session-ended");
    }

    [Fact]
    public async Task Keyboard_alone_signs_in_skips_to_the_content_and_each_page_starts_at_the_top()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Locator("#apiKey").FocusAsync();
        await page.Keyboard.TypeAsync(host.People[WorkspaceHost.Reader].Secret);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".person-name")).ToBeVisibleAsync();

        // Every navigation is a full page load: the new page starts at the top, its first Tab stop the skip link again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Search commitments" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Search commitments");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
    }

    [Fact]
    public async Task Sign_in_filters_and_pages_work_with_javascript_off()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address, javaScript: false);
        var page = await context.NewPageAsync();

        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Reader].Secret, "/search");
        await page.GetByLabel("Words").FillAsync("procurement");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=procurement"));
        Assert.True(await page.Locator("table.data tbody tr").CountAsync() > 0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?signedOut=true"));
    }

    [Fact]
    public async Task The_404_page_says_what_happened_and_shows_the_correlation_id()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address, "fr-FR");
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Reader].Secret);

        var response = await page.GotoAsync("/countries/XYZ");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page introuvable");
        await Assertions.Expect(page.Locator(".correlation code")).ToHaveTextAsync(response.Headers["x-correlation-id"]);
        await PageChecks.AccessibleAsync(page, "404 page");
        await PageChecks.ScreenshotAsync(page, "not-found-fr");
    }
}
