using System.Net;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// /imports over HTTP without script: admins upload a sheet for a dry run, read its diff and row errors, apply it and
/// watch it to the end; others read past imports only, and the API's refusals are shown in its words.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class ImportPageTests(WorkspaceHost host)
{
    [Fact]
    public async Task An_admin_sees_the_upload_form_past_imports_and_the_configured_sources()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);

        var page = await browser.GetAsync("/imports");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector(".admin-nav a[href='imports']"));
        var form = page.Document.QuerySelector("form#upload")!;
        Assert.Equal(("post", "multipart/form-data", "/imports/upload"), (form.GetAttribute("method"), form.GetAttribute("enctype"), form.GetAttribute("action")));
        Assert.Equal("CSV or XLSX file", page.Document.QuerySelector("label[for=import-file]")!.TextContent);
        Assert.Equal("file", page.Document.QuerySelector("#import-file")!.GetAttribute("type"));
        var sample = page.Document.QuerySelectorAll("table.imports tbody tr").First(r => r.QuerySelector("th")!.TextContent == "commitments-sample.csv");
        Assert.Contains("Succeeded", sample.TextContent, StringComparison.Ordinal);
        Assert.Equal("20", sample.QuerySelectorAll("td")[3].TextContent); // rows read
        Assert.Equal("Configured sources", page.Document.QuerySelector("#sources-heading")!.TextContent);
        var source = page.Document.QuerySelectorAll("section[aria-labelledby=sources-heading] tbody tr").Single();
        Assert.Equal(
            ["http://127.0.0.1:9/commitments.csv", "On request only", "Never"],
            source.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()));
        Assert.Equal("ogp-commitments", source.QuerySelector("th")!.TextContent);
        Assert.DoesNotContain("not-shown", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkspaceHost.Reader)]
    [InlineData(WorkspaceHost.OgpLiaison)]
    [InlineData(WorkspaceHost.CountryLead)]
    public async Task Others_read_past_imports_without_a_form_and_an_upload_anyway_shows_the_API_refusal(string role)
    {
        using var browser = await SignedInAsync(role);

        var page = await browser.GetAsync("/imports");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("form#upload"));
        Assert.Null(page.Document.QuerySelector("a[href='imports']"));
        Assert.Null(page.Document.QuerySelector("#sources-heading"));
        Assert.Contains("Only admins import.", page.Main, StringComparison.Ordinal);
        Assert.NotEmpty(page.Document.QuerySelectorAll("table.imports tbody tr"));

        var refused = await FileUpload.PostAsync(browser, page, "/imports/upload", await File.ReadAllBytesAsync(SamplePath, TestContext.Current.CancellationToken), "commitments.csv");

        Assert.Equal("The file was not accepted.", refused.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Equal("Forbidden Your roles or member scope do not allow this operation.", refused.Document.QuerySelector(".notice-box.error li[lang=en]")!.TextContent);
    }

    [Fact]
    public async Task A_file_the_API_refuses_is_explained_beside_the_field_in_its_words()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/imports");

        var binary = await FileUpload.PostAsync(browser, page, "/imports/upload", [0x41, 0x00, 0x42, 0x00], "notes.csv");
        var header = await FileUpload.PostAsync(browser, page, "/imports/upload", Encoding.UTF8.GetBytes("Name,Colour\r\nAda,green\r\n"), "colours.csv");
        var empty = await FileUpload.PostAsync(browser, page, "/imports/upload", [], "empty.csv");
        // Larger than the server's default request limit (1 MB): the workspace passes it on, and the API answers.
        var large = await FileUpload.PostAsync(browser, page, "/imports/upload", new byte[2 * 1024 * 1024], "zeros.csv");

        Assert.Equal("The file was not accepted.", binary.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        var message = binary.Document.QuerySelector("#upload-file-error")!;
        Assert.Equal("en", message.GetAttribute("lang"));
        Assert.StartsWith("The file is neither a CSV nor an XLSX workbook.", message.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("true", binary.Document.QuerySelector("#import-file")!.GetAttribute("aria-invalid"));
        Assert.Contains("upload-file-error", binary.Document.QuerySelector("#import-file")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.StartsWith("The file's header is not a commitment sheet's.", header.Document.QuerySelector("#upload-file-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Choose a file to upload.", empty.Document.QuerySelector("#upload-file-error")!.TextContent.Trim());
        Assert.StartsWith("The file is neither a CSV nor an XLSX workbook.", large.Document.QuerySelector("#upload-file-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(empty.Document.QuerySelector("#upload-file-error")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_dry_run_shows_what_would_be_added_changed_and_removed_and_the_rejected_rows_and_writes_nothing()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var sheet = await ImportSheet.ExportedAsync(host.AdminApi);
        var title = sheet.Get("AL0003", "Commitment Title");
        sheet.Set("AL0003", "Commitment Title", "e-Parliament, dry run only").Copy("AL0002", "AL0098").Copy("AL0002", "!").Remove("MW0006");
        var upload = await browser.GetAsync("/imports");

        var started = await FileUpload.PostAsync(browser, upload, "/imports/upload", sheet.ToCsv(), "dry-run.csv");
        var page = await FinishedAsync(browser, started);

        Assert.Equal("Dry run: dry-run.csv", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Dry run started: dry-run.csv", started.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Equal("Succeeded", page.Document.QuerySelector("#import-status")!.TextContent);
        Assert.Equal("What the import would change", page.Document.QuerySelector("#diff-heading")!.TextContent);
        var changed = page.Document.QuerySelector("[data-kind=changed] article[data-commitment=AL0003]")!;
        var titleRow = changed.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Commitment Title");
        Assert.Equal((title, "e-Parliament, dry run only"), (titleRow.QuerySelector("del")!.TextContent, titleRow.QuerySelector("ins")!.TextContent));
        Assert.Equal("Commitments changed (1)", page.Document.QuerySelector("#diff-changed")!.TextContent);
        Assert.Equal(["AL0098"], page.Document.QuerySelectorAll("[data-kind=added] li").Select(li => li.GetAttribute("data-commitment")));
        Assert.Null(page.Document.QuerySelector("[data-kind=added] li a")); // not in the tracker: nothing to link to yet
        Assert.Equal(["MW0006"], page.Document.QuerySelectorAll("[data-kind=removed] li").Select(li => li.GetAttribute("data-commitment")));
        Assert.Equal("/commitments/MW0006", page.Document.QuerySelector("[data-kind=removed] li a")!.GetAttribute("href"));
        var rowError = Assert.Single(page.Document.QuerySelectorAll("#row-errors tbody tr"));
        Assert.Equal("!", rowError.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("en", rowError.QuerySelectorAll("td")[2].GetAttribute("lang"));
        Assert.Equal("Rows rejected (1)", page.Document.QuerySelector("#errors-heading")!.TextContent);
        var bar = page.Document.QuerySelector("progress#import-progress-bar")!;
        Assert.Equal(bar.GetAttribute("max"), bar.GetAttribute("value"));
        Assert.EndsWith("rows read (100%)", page.Document.QuerySelector("#import-progress-text")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("form#apply-form"));
        Assert.Null(page.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Equal(title, (await host.AdminApi.GetCommitmentAsync("AL0003", TestContext.Current.CancellationToken)).Title);
        Assert.False((await host.AdminApi.GetCommitmentAsync("MW0006", TestContext.Current.CancellationToken)).Removed);
    }

    [Fact]
    public async Task Applying_a_dry_run_runs_it_to_the_end_and_the_commitment_shows_the_new_version()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var sheet = await ImportSheet.ExportedAsync(host.AdminApi);
        var title = $"e-Parliament (applied {Guid.NewGuid():N})";
        sheet.Set("AL0003", "Commitment Title", title);
        var dryRun = await FinishedAsync(browser, await FileUpload.PostAsync(browser, await browser.GetAsync("/imports"), "/imports/upload", sheet.ToCsv(), "apply.csv"));
        var versions = (await host.AdminApi.GetCommitmentHistoryAsync("AL0003", cancellationToken: TestContext.Current.CancellationToken)).Total;

        var posted = await browser.SubmitAsync(dryRun, "#apply-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.SeeOther, posted.Status);
        Assert.Matches("^/imports/[0-9a-f-]{36}$", posted.Location);
        var applied = await FinishedAsync(browser, await browser.GetAsync(posted.Location!));
        Assert.Equal("Import: apply.csv", applied.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Succeeded", applied.Document.QuerySelector("#import-status")!.TextContent);
        var bar = applied.Document.QuerySelector("progress#import-progress-bar")!;
        Assert.Equal((sheet.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.GetAttribute("max")), (bar.GetAttribute("max"), bar.GetAttribute("value")));
        Assert.Equal($"{sheet.Rows.Count} of {sheet.Rows.Count} rows read (100%)", applied.Document.QuerySelector("#import-progress-text")!.TextContent);
        Assert.Equal("What the import changed", applied.Document.QuerySelector("#diff-heading")!.TextContent);
        Assert.NotNull(applied.Document.QuerySelector("[data-kind=changed] article[data-commitment=AL0003]"));

        var commitment = await browser.GetAsync("/commitments/AL0003");
        Assert.Equal($"AL0003 {title}", commitment.Document.QuerySelector("h1")!.TextContent.Trim());
        var newest = commitment.Document.QuerySelector("article.version")!;
        Assert.StartsWith($"Version {versions + 1}", newest.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(newest.QuerySelectorAll("ins"), ins => ins.TextContent == title);

        var dryRunAgain = await browser.GetAsync(dryRun.Response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("This dry run has been applied.", dryRunAgain.Main, StringComparison.Ordinal);
        Assert.Null(dryRunAgain.Document.QuerySelector("form#apply-form"));
        Assert.Equal(posted.Location, dryRunAgain.Document.QuerySelector("#applied-by")!.GetAttribute("href"));
        // The button of the page as it was, pressed again: the API's 409 in its words.
        var twice = await browser.GetAsync((await browser.SubmitAsync(dryRun, "#apply-form", new Dictionary<string, string>())).Location!);
        Assert.Equal("The dry run was not applied.", twice.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.StartsWith("The dry run is applied already.", twice.Document.QuerySelector(".notice-box.error li[lang=en]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_progress_endpoint_says_rows_read_of_total_for_the_script_and_never_caches()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);
        var sample = (await host.AdminApi.ListImportsAsync(1, 200, TestContext.Current.CancellationToken)).Items.Last(i => i.Source == "commitments-sample.csv");

        var progress = await browser.GetAsync($"/imports/{sample.Id}/progress");
        var missing = await browser.GetAsync($"/imports/{Guid.NewGuid()}/progress");
        var missingPage = await browser.GetAsync($"/imports/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, progress.Status);
        Assert.Equal("no-store", progress.Response.Headers.CacheControl!.ToString());
        using var json = JsonDocument.Parse(progress.Html);
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("finished").GetBoolean());
        Assert.Equal((20, 20), (json.RootElement.GetProperty("rowsRead").GetInt32(), json.RootElement.GetProperty("rowsTotal").GetInt32()));
        Assert.Equal("20 of 20 rows read (100%)", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(HttpStatusCode.NotFound, missingPage.Status);
    }

    [Fact]
    public async Task The_pages_speak_spanish_and_french()
    {
        foreach (var (language, title, label) in new[] { ("es", "Importaciones", "Archivo CSV o XLSX"), ("fr", "Imports", "Fichier CSV ou XLSX") })
        {
            using var browser = new PageClient(host.Address, language);
            await browser.SignInAsync(host.People[WorkspaceHost.Admin].Secret);
            var page = await browser.GetAsync("/imports");
            Assert.Equal(title, page.Document.QuerySelector("h1")!.TextContent);
            Assert.Equal(label, page.Document.QuerySelector("label[for=import-file]")!.TextContent);
            Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        }
    }

    private static string SamplePath => Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv");

    /// <summary>The import's page once the import has ended; until then the page refreshes itself (no script here).</summary>
    private async Task<Page> FinishedAsync(PageClient browser, Page page)
    {
        var path = page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        var id = Guid.Parse(path.Split('/')[^1]);
        if (page.Document.QuerySelector("[data-import-progress][data-running=false]") is not null)
        {
            Assert.Null(page.Document.QuerySelector("meta[http-equiv=refresh]"));
            return page;
        }

        // Still running when the page was drawn: it asks to be drawn again (scripts off; with scripts, imports.js polls).
        Assert.Equal("2", page.Document.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        await Eventually.UntilAsync(async () => (await host.AdminApi.GetImportAsync(id, TestContext.Current.CancellationToken)).Status is not ("queued" or "running"), TimeSpan.FromSeconds(60), "the import to end");
        return await browser.GetAsync(path);
    }

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
