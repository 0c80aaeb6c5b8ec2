using System.Net;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// A host of its own for what changes the whole store: re-suggesting over every commitment (it would move the
/// confidences the review tests assert on the shared host) and registry names no member matches (two added to the sample).
/// </summary>
public sealed class AdminWorkspaceHost : WorkspaceHost
{
    public const string Kirguistan = "Kirguistán";
    public const string Moldavie = "Moldavie";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var publications = JsonSerializer.Deserialize<List<OcdsRegistryPublication>>(
            await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json")))!;
        publications.Add(new OcdsRegistryPublication { Id = 99001, Title = "Compras públicas", Country = Kirguistan });
        publications.Add(new OcdsRegistryPublication { Id = 99002, Title = "Marchés publics", Country = Moldavie });
        var imported = await AdminApi.ImportOcdsPublicationsAsync(publications);
        Assert.Equal([Kirguistan, Moldavie], imported.Unmapped.Select(u => u.Country).Order(StringComparer.Ordinal));
    }
}

[CollectionDefinition(Name)]
public sealed class AdminWorkspace : ICollectionFixture<AdminWorkspaceHost>, ICollectionFixture<Browser.Chromium>
{
    public const string Name = "admin-workspace";
}

/// <summary>Re-suggesting and mapping registry names over HTTP without script, on the host of <see cref="AdminWorkspace"/>.</summary>
[Collection(AdminWorkspace.Name)]
public sealed class AdminStorePageTests(AdminWorkspaceHost host)
{
    [Fact]
    public async Task Re_suggesting_without_script_refreshes_the_page_while_it_runs_and_ends_at_100_percent()
    {
        using var browser = await SignedInAsync();
        var page = await browser.GetAsync("/admin/rules");

        var started = await browser.SubmitAsync(page, "#resuggest-form", new Dictionary<string, string> { ["reason"] = "page test" });
        Assert.Equal(HttpStatusCode.SeeOther, started.Status);
        Assert.StartsWith("/admin/rules?recompute=", started.Location, StringComparison.Ordinal);
        var progress = await browser.GetAsync(started.Location!);
        Assert.Equal("Re-suggesting: the progress is below.", progress.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        // As a browser without script does: load the page again while it asks to (it stops when the job has ended, which
        // can be a moment after the last commitment is counted; a page that stopped asking early fails the checks below).
        for (var attempt = 0; attempt < 60 && progress.Document.QuerySelector("head noscript") is not null; attempt++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            progress = await browser.GetAsync(started.Location!);
        }

        Assert.Equal(("100", "100"), (progress.Document.QuerySelector("progress")!.GetAttribute("value"), progress.Document.QuerySelector("progress")!.GetAttribute("max")));
        Assert.Matches(@"^20 of 20 commitments \(100 %\), finished: \d+ suggestions added, \d+ updated, \d+ withdrawn\.$", progress.Document.QuerySelector("#resuggest-text")!.TextContent);
        Assert.Null(progress.Document.QuerySelector("head noscript"));
        Assert.Null(progress.Document.QuerySelector("[data-recompute-url]"));
    }

    [Fact]
    public async Task An_admin_maps_an_unmapped_registry_name_and_a_code_the_API_refuses_is_shown_beside_the_field()
    {
        using var browser = await SignedInAsync();
        var page = await browser.GetAsync("/admin/registry");
        var form = page.Document.QuerySelectorAll("#names form").Single(f => f.QuerySelector("input[name=name]")!.GetAttribute("value") == AdminWorkspaceHost.Kirguistan);

        var refused = await browser.GetAsync((await browser.SubmitAsync(page, $"#{form.Id}", new Dictionary<string, string> { ["memberCode"] = "K1" })).Location!);
        Assert.Equal("Kirguistán was not mapped.", refused.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Equal("memberCode is required: a member code of 3 or 4 letters.", refused.Document.QuerySelector($"#{form.Id}-memberCode-error")!.TextContent.Trim());
        Assert.Equal("true", refused.Document.QuerySelector($"#{form.Id}-member")!.GetAttribute("aria-invalid"));

        var mapped = await browser.GetAsync((await browser.SubmitAsync(refused, $"#{form.Id}", new Dictionary<string, string> { ["memberCode"] = "KGZ" })).Location!);

        Assert.Equal("Kirguistán now maps to KGZ (1 publications).", mapped.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.DoesNotContain(mapped.Document.QuerySelectorAll("#names input[name=name]"), i => i.GetAttribute("value") == AdminWorkspaceHost.Kirguistan);
        Assert.Contains(await host.AdminApi.ListOcdsCountryNamesAsync(TestContext.Current.CancellationToken), n => n is { Name: AdminWorkspaceHost.Kirguistan, MemberCode: "KGZ", Source: "admin" });
    }

    private async Task<PageClient> SignedInAsync()
    {
        var browser = new PageClient(host.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(host.People[WorkspaceHost.Admin].Secret)).Status);
        return browser;
    }
}
