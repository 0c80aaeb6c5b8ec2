using System.Text.RegularExpressions;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>The admin pages in a real browser on the shared host: axe on each; a tag added, renamed and retired; a rule previewed and saved (disabled, so the queue other tests count stays as it is); a form with scripts off.</summary>
[Collection(SharedWorkspace.Name)]
public sealed class AdminBrowserTests(WorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task An_admin_adds_a_tag_renames_and_retires_it()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/tags");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tag vocabulary");
        await PageChecks.AccessibleAsync(page, "tag vocabulary");

        var create = page.Locator("#create-tag");
        await create.GetByLabel("Id", new() { Exact = true }).FillAsync("browser-open-parliament");
        await create.GetByLabel("Name", new() { Exact = true }).FillAsync("Open parliament (browser)");
        await create.GetByLabel("Description").FillAsync("Parliaments opening their work.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the tag" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice-box.success .notice-text")).ToHaveTextAsync("Added: Open parliament (browser) (browser-open-parliament)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Open parliament (browser)" }).ClickAsync();
        await page.Locator("#edit-tag").GetByLabel("Name", new() { Exact = true }).FillAsync("Open parliaments (browser)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the tag" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice-box.success .notice-text")).ToHaveTextAsync("Saved: Open parliaments (browser) (browser-open-parliament)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Retire Open parliaments (browser)" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice-box.success .notice-text")).ToContainTextAsync("Retired: Open parliaments (browser)");
        await Assertions.Expect(page.Locator("#tag-browser-open-parliament")).ToContainTextAsync("Retired");
        await PageChecks.AccessibleAsync(page, "tag vocabulary after retiring");
        await PageChecks.ScreenshotAsync(page, "admin-tags");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task An_admin_previews_a_rule_sees_the_commitments_it_matches_and_saves_it()
    {
        chromium.Require();
        await host.AdminApi.CreateTagAsync(new("browser-parliaments", "Parliaments (browser)", "Parliaments.", null, null), cancellationToken: TestContext.Current.CancellationToken);
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/rules");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Suggestion rules");
        await PageChecks.AccessibleAsync(page, "suggestion rules");

        await page.GetByLabel("Rule id").FillAsync("browser-parliament");
        await page.Locator("#rule-tag").SelectOptionAsync("browser-parliaments");
        await page.GetByLabel("Phrases", new() { Exact = true }).FillAsync("e-parliament\nparliament*");
        await page.Locator("#rule-confidence").FillAsync("0.5");
        await page.GetByLabel("Enabled").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview on the stored commitments" }).ClickAsync();

        var notice = page.Locator(".notice-box.info");
        await Assertions.Expect(notice.Locator(".notice-text")).ToHaveTextAsync(new Regex(@"^The rule would match [1-9]\d* of 20 stored commitments\.$"));
        await Assertions.Expect(notice.GetByRole(AriaRole.Link).Filter(new() { HasText = "e-Parliament" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Phrases", new() { Exact = true })).ToHaveValueAsync("e-parliament\nparliament*");
        await PageChecks.AccessibleAsync(page, "suggestion rules with a preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the rule" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice-box.success .notice-text")).ToHaveTextAsync("Saved: browser-parliament");
        await Assertions.Expect(page.Locator("#rule-browser-parliament")).ToContainTextAsync("Disabled");
        await PageChecks.ScreenshotAsync(page, "admin-rules");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task A_tag_form_works_with_javascript_off_and_shows_the_API_message()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address, javaScript: false);
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/tags");

        var create = page.Locator("#create-tag");
        await create.GetByLabel("Id", new() { Exact = true }).FillAsync("Bad Id");
        await create.GetByLabel("Name", new() { Exact = true }).FillAsync("No script");
        await create.GetByLabel("Description").FillAsync("Posted with scripts off.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the tag" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice-box.error .notice-text")).ToHaveTextAsync("The tag was not added.");
        await Assertions.Expect(page.Locator("#create-tag-id-error")).Not.ToBeEmptyAsync();

        await create.GetByLabel("Id", new() { Exact = true }).FillAsync("browser-no-script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the tag" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice-box.success .notice-text")).ToHaveTextAsync("Added: No script (browser-no-script)");
    }

    [Fact]
    public async Task The_registry_page_passes_axe_and_a_new_key_s_secret_has_a_copy_button_that_says_copied()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/admin/registry");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("OCDS registry");
        await PageChecks.AccessibleAsync(page, "OCDS registry");

        await page.GotoAsync("/admin/keys");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Copy button (browser)");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Reader", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();
        var secret = await page.GetByLabel("API key", new() { Exact = true }).InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-copy-status]")).ToHaveTextAsync("Copied");
        Assert.Equal(secret, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await PageChecks.AccessibleAsync(page, "a secret with its copy button");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }
}
