using System.Net;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// /admin/tags, /admin/rules and /admin/registry over HTTP without script, on the shared host: admins only; the forms
/// with the API's messages beside their fields. What is created here is new (its own tag, a rule saved disabled) so the
/// review queue the other tests count does not change.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class AdminPageTests(WorkspaceHost host)
{
    public static TheoryData<string, string, string> NonAdmins => new()
    {
        { WorkspaceHost.OgpLiaison, "/admin/tags", "Only admins keep the tag vocabulary." },
        { WorkspaceHost.Reader, "/admin/rules", "Only admins keep the suggestion rules." },
        { WorkspaceHost.CountryLead, "/admin/registry", "Only admins manage the OCDS registry." },
        { WorkspaceHost.OcpLiaison, "/admin/rules", "Only admins keep the suggestion rules." },
        { WorkspaceHost.Reader, "/admin/tags", "Only admins keep the tag vocabulary." },
        { WorkspaceHost.OgpLiaison, "/admin/registry", "Only admins manage the OCDS registry." },
    };

    [Theory]
    [MemberData(nameof(NonAdmins))]
    public async Task Readers_liaisons_and_country_leads_get_a_403_page_without_any_form(string role, string path, string message)
    {
        using var browser = await SignedInAsync(role);

        var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains(message, page.Main, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("main form"));
        Assert.Null(page.Document.QuerySelector(".admin-nav"));
    }

    [Fact]
    public async Task An_admin_adds_a_tag_renames_it_re_parents_it_retires_and_restores_it()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/admin/tags");
        Assert.NotNull(page.Document.QuerySelector(".admin-nav a[href='admin/tags']"));
        Assert.NotNull(page.Document.QuerySelector(".admin-nav a[href='admin/rules']"));
        Assert.NotNull(page.Document.QuerySelector(".admin-nav a[href='admin/registry']"));

        var created = await browser.SubmitAsync(page, "#create-tag", new Dictionary<string, string>
        {
            ["id"] = "page-test-parliaments", ["label"] = "Parliaments (page test)", ["description"] = "Open parliaments.", ["parentId"] = "", ["confirmation"] = "both-organisations",
        });
        var afterCreate = await browser.GetAsync(created.Location!);
        Assert.Equal("Added: Parliaments (page test) (page-test-parliaments)", afterCreate.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Contains("Both organisations", afterCreate.Document.QuerySelector("#tag-page-test-parliaments")!.TextContent, StringComparison.Ordinal);

        var edit = await browser.GetAsync("/admin/tags?edit=page-test-parliaments");
        Assert.Equal("Parliaments (page test)", edit.Document.QuerySelector("#edit-tag-label")!.GetAttribute("value"));
        var renamed = await browser.GetAsync((await browser.SubmitAsync(edit, "#edit-tag", new Dictionary<string, string>
        {
            ["label"] = "Open parliaments (page test)", ["description"] = "Open parliaments.", ["parentId"] = "open-contracting", ["confirmation"] = "one-liaison",
        })).Location!);
        Assert.Equal("Saved: Open parliaments (page test) (page-test-parliaments)", renamed.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        var tag = await host.AdminApi.ListTagsAsync(true, TestContext.Current.CancellationToken);
        Assert.Contains(tag, t => t is { Id: "page-test-parliaments", Label: "Open parliaments (page test)", ParentId: "open-contracting", Confirmation: "one-liaison" });

        var retired = await browser.GetAsync((await browser.SubmitAsync(renamed, "#tag-page-test-parliaments form", new Dictionary<string, string>())).Location!);
        Assert.StartsWith("Retired: Open parliaments (page test)", retired.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Retired", retired.Document.QuerySelector("#tag-page-test-parliaments")!.TextContent, StringComparison.Ordinal);
        var restored = await browser.GetAsync((await browser.SubmitAsync(retired, "#tag-page-test-parliaments form", new Dictionary<string, string>())).Location!);
        Assert.Equal("Restored: Open parliaments (page test) (page-test-parliaments)", restored.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
    }

    [Fact]
    public async Task A_tag_the_API_refuses_shows_its_messages_beside_the_fields()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/admin/tags");

        var refused = await browser.GetAsync((await browser.SubmitAsync(page, "#create-tag", new Dictionary<string, string> { ["id"] = "Not An Id", ["label"] = "", ["description"] = "x" })).Location!);

        Assert.Equal("The tag was not added.", refused.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Equal("Not An Id", refused.Document.QuerySelector("#new-tag-id")!.GetAttribute("value"));
        Assert.Equal("true", refused.Document.QuerySelector("#new-tag-id")!.GetAttribute("aria-invalid"));
        Assert.Equal("en", refused.Document.QuerySelector("#create-tag-id-error")!.GetAttribute("lang"));
        Assert.NotEmpty(refused.Document.QuerySelector("#create-tag-id-error")!.TextContent.Trim());
        Assert.NotNull(refused.Document.QuerySelector("#create-tag-label-error"));
    }

    [Fact]
    public async Task An_admin_previews_a_rule_on_the_stored_commitments_then_saves_it_and_a_bad_rule_shows_the_API_messages()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        await host.AdminApi.CreateTagAsync(new("page-test-budgets", "Budgets (page test)", "Budget transparency.", null, null), cancellationToken: TestContext.Current.CancellationToken);
        var page = await browser.GetAsync("/admin/rules");
        var rule = new Dictionary<string, string>
        {
            ["id"] = "page-test-budget", ["tag"] = "page-test-budgets", ["kind"] = "phrase", ["language"] = "en", ["phrases"] = "budget*\nfiscal", ["confidence"] = "0.6", ["window"] = "6",
        };

        var previewed = await browser.SubmitAsync(page, "#rule-form", rule, "action", "preview");
        var preview = await browser.GetAsync(previewed.Location!);

        var notice = preview.Document.QuerySelector(".notice-box.info")!;
        Assert.Matches(@"^The rule would match \d+ of 20 stored commitments\.$", notice.QuerySelector(".notice-text")!.TextContent);
        var lines = notice.QuerySelectorAll("li a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(lines, l => l.Item1!.StartsWith("/commitments/", StringComparison.Ordinal) && l.TextContent.Contains("Fiscal", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("budget*\nfiscal", preview.Document.QuerySelector("#rule-phrases")!.TextContent);
        Assert.DoesNotContain(await host.AdminApi.ListTagRulesAsync(TestContext.Current.CancellationToken), r => r.Id == "page-test-budget");

        // Saved disabled: the queue the review tests count gets nothing from it.
        var saved = await browser.GetAsync((await browser.SubmitAsync(preview, "#rule-form", rule, "action", "save")).Location!);
        Assert.Equal("Saved: page-test-budget", saved.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Contains("Disabled", saved.Document.QuerySelector("#rule-page-test-budget")!.TextContent, StringComparison.Ordinal);

        var bad = await browser.GetAsync((await browser.SubmitAsync(saved, "#rule-form", new Dictionary<string, string> { ["id"] = "page-test-empty", ["tag"] = "page-test-budgets", ["kind"] = "phrase", ["phrases"] = "", ["confidence"] = "2" }, "action", "save")).Location!);
        Assert.Equal("The rule was not saved.", bad.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Equal("phrases lists 1 to 200 phrases, each on one line.", bad.Document.QuerySelector("#rule-form-phrases-error")!.TextContent.Trim());
        Assert.Equal("confidence is a number in (0, 1].", bad.Document.QuerySelector("#rule-form-confidence-error")!.TextContent.Trim());
        Assert.Equal("true", bad.Document.QuerySelector("#rule-phrases")!.GetAttribute("aria-invalid"));
        var unreadable = await browser.GetAsync((await browser.SubmitAsync(saved, "#rule-form", new Dictionary<string, string> { ["id"] = "x1", ["confidence"] = "lots" }, "action", "preview")).Location!);
        Assert.Equal("Enter a number, with a dot for decimals.", unreadable.Document.QuerySelector("#rule-form-confidence-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_admin_sees_the_rules_the_column_mappings_and_the_pull_and_a_file_that_is_not_the_registry_is_said()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);

        var rules = await browser.GetAsync("/admin/rules");
        var registry = await browser.GetAsync("/admin/registry");
        var noFile = await browser.GetAsync((await browser.SubmitAsync(registry, "#upload-registry", new Dictionary<string, string>())).Location!);

        Assert.NotNull(rules.Document.QuerySelector("#rule-en-procurement"));
        Assert.Equal("Open Contracting", rules.Document.QuerySelector("#areas-open-contracting textarea")!.TextContent);
        Assert.Null(rules.Document.QuerySelector("progress"));
        Assert.Contains("No scheduled pull is configured", registry.Main, StringComparison.Ordinal);
        Assert.Contains("Every country name of the registry maps to a member.", registry.Main, StringComparison.Ordinal);
        Assert.Equal("Choose the registry's publications.json: a JSON list of publications.", noFile.Document.QuerySelector("#upload-registry-file-error")!.TextContent.Trim());
        Assert.Equal("true", noFile.Document.QuerySelector("#registry-file")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_mapping_the_API_refuses_shows_its_message_beside_the_field()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/admin/rules");

        var refused = await browser.GetAsync((await browser.SubmitAsync(page, "#areas-sector-health", new Dictionary<string, string> { ["policyAreas"] = "Health & Nutrition", ["confidence"] = "7" })).Location!);

        Assert.Equal("The columns of sector-health were not saved.", refused.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Equal("confidence is a number in (0, 1].", refused.Document.QuerySelector("#areas-sector-health-confidence-error")!.TextContent.Trim());
        Assert.Equal("7", refused.Document.QuerySelector("#areas-sector-health-confidence")!.GetAttribute("value"));
    }

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
