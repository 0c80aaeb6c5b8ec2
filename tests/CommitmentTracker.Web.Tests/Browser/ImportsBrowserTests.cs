using System.Text.RegularExpressions;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>
/// /imports in a real browser: an admin's dry run of a modified copy of the stored sample shows the expected diff, applying
/// it fills the progress bar to 100 % and the commitment's history shows the new version; the same upload and dry run
/// with scripts off; axe on every state.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class ImportsBrowserTests(WorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task An_admins_dry_run_shows_the_diff_and_applying_it_fills_the_progress_bar_and_adds_a_version()
    {
        chromium.Require();
        var sheet = await ImportSheet.ExportedAsync(host.AdminApi);
        var before = sheet.Get("AL0002", "Commitment Title");
        var title = $"e-Acts, second edition {Guid.NewGuid().ToString("N")[..8]}";
        sheet.Set("AL0002", "Commitment Title", title);
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/countries");

        await page.Locator(".admin-nav a[href=imports]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Imports");
        await PageChecks.AccessibleAsync(page, "imports");
        await page.GetByLabel("CSV or XLSX file").SetInputFilesAsync(new FilePayload { Name = "browser-sample.csv", MimeType = "text/csv", Buffer = sheet.ToCsv() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check (dry run)" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dry run: browser-sample.csv");
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 30_000 });
        var changed = page.Locator("[data-kind=changed] article[data-commitment=AL0002]");
        var titleRow = changed.Locator("tbody tr", new() { Has = page.Locator("th", new() { HasTextRegex = new Regex("^Commitment Title$") }) });
        await Assertions.Expect(titleRow.Locator("del")).ToHaveTextAsync(before);
        await Assertions.Expect(titleRow.Locator("ins")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("#diff-changed")).ToHaveTextAsync("Commitments changed (1)");
        await Assertions.Expect(page.Locator("[data-kind=added], [data-kind=removed]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync($"Unchanged{sheet.Rows.Count - 1}");
        await PageChecks.AccessibleAsync(page, "a dry run's diff");
        await PageChecks.ScreenshotAsync(page, "imports-dry-run");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply this dry run" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Import: browser-sample.csv");
        var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Rows read of total" });
        var total = sheet.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(bar).ToHaveAttributeAsync("max", total);
        await Assertions.Expect(bar).ToHaveAttributeAsync("value", total, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#import-progress-text")).ToHaveTextAsync($"{total} of {total} rows read (100%)");
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("[data-kind=changed] article[data-commitment=AL0002]")).ToHaveCountAsync(1);
        await PageChecks.AccessibleAsync(page, "an applied import");
        await PageChecks.ScreenshotAsync(page, "imports-applied");

        await page.Locator("[data-kind=changed] article[data-commitment=AL0002] h4 a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"AL0002 {title}");
        var newest = page.Locator("article.version").First;
        await Assertions.Expect(newest.Locator("h3")).ToContainTextAsync("changed");
        await Assertions.Expect(newest.Locator("tr", new() { HasText = "Commitment Title" }).Locator("del")).ToHaveTextAsync(before);
        await Assertions.Expect(newest.Locator("tr", new() { HasText = "Commitment Title" }).Locator("ins")).ToHaveTextAsync(title);
        Assert.True(console.Count == 0, string.Join("\n", console));
    }

    [Fact]
    public async Task Upload_and_dry_run_work_with_javascript_off()
    {
        chromium.Require();
        var sheet = await ImportSheet.ExportedAsync(host.AdminApi);
        var shortTitle = $"Short title without scripts {Guid.NewGuid():N}";
        sheet.Set("UA0087", "Short Title", shortTitle);
        await using var context = await chromium.NewContextAsync(host.Address, javaScript: false);
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/imports");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Imports");
        await page.GetByLabel("CSV or XLSX file").SetInputFilesAsync(new FilePayload { Name = "no-script.csv", MimeType = "text/csv", Buffer = sheet.ToCsv() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check (dry run)" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dry run: no-script.csv");
        // While it runs the page refreshes itself (<meta http-equiv="refresh"> in <noscript>): no script needed to see the end.
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-kind=changed] article[data-commitment=UA0087] tr", new() { HasText = "Short Title" }).Locator("ins")).ToHaveTextAsync(shortTitle);
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Rows read of total" })).ToHaveAttributeAsync("value", sheet.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply this dry run" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "All imports" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check (dry run)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("The file was not accepted.");
        await Assertions.Expect(page.Locator("#upload-file-error")).ToHaveTextAsync("Choose a file to upload.");
        await Assertions.Expect(page.GetByLabel("CSV or XLSX file")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.ScreenshotAsync(page, "imports-no-file-no-script");
    }

    [Fact]
    public async Task The_refused_upload_passes_axe()
    {
        chromium.Require();
        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        var console = PageChecks.WatchConsole(page);
        await PageChecks.SignInAsync(page, host.People[WorkspaceHost.Admin].Secret, "/imports");

        await page.GetByLabel("CSV or XLSX file").SetInputFilesAsync(new FilePayload { Name = "colours.csv", MimeType = "text/csv", Buffer = "Name,Colour\r\nAda,green\r\n"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check (dry run)" }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-file-error")).ToContainTextAsync("The file's header is not a commitment sheet's.");
        await PageChecks.AccessibleAsync(page, "imports with the API's message");
        await PageChecks.ScreenshotAsync(page, "imports-refused");
        Assert.True(console.Count == 0, string.Join("\n", console));
    }
}
