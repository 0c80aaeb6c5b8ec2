using System.Net;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>/admin/keys over HTTP without script: admins only; issuing with the API's messages, the secret once, revoking.</summary>
[Collection(SharedWorkspace.Name)]
public sealed class KeyPageTests(WorkspaceHost host)
{
    [Theory]
    [InlineData(WorkspaceHost.OgpLiaison)]
    [InlineData(WorkspaceHost.Reader)]
    public async Task Only_admins_manage_keys(string role)
    {
        using var browser = await SignedInAsync(role);

        var page = await browser.GetAsync("/admin/keys");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Only admins manage API keys.", page.Main, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("main form"));
        Assert.Null(page.Document.QuerySelector(".admin-nav"));
    }

    [Fact]
    public async Task An_admin_issues_a_key_shown_once_that_signs_in_and_then_revokes_it()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/admin/keys");
        Assert.NotNull(page.Document.QuerySelector(".admin-nav a[href='admin/keys']"));

        var issued = await browser.SubmitManyAsync(page, "#issue-key", [("name", "Olga OCP liaison (keys page)"), ("roles", "liaison"), ("organisation", "OCP"), ("expiresAt", "2027-06-30")]);
        var afterIssue = await browser.GetAsync(issued.Location!);
        var secret = afterIssue.Document.QuerySelector(".notice-box .secret input")!.GetAttribute("value")!;

        Assert.Equal("Issued: Olga OCP liaison (keys page)", afterIssue.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent);
        Assert.Equal("API key", afterIssue.Document.QuerySelector(".notice-box .secret label")!.TextContent);
        Assert.DoesNotContain(secret, (await browser.GetAsync("/admin/keys")).Html, StringComparison.Ordinal);
        var row = afterIssue.Document.QuerySelectorAll("table.data tbody tr").Single(r => r.TextContent.Contains("Olga OCP liaison (keys page)", StringComparison.Ordinal));
        Assert.Contains("OCP", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("30 Jun 2027", row.TextContent, StringComparison.Ordinal);
        using (var olga = new PageClient(host.Address))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await olga.SignInAsync(secret)).Status);
        }

        var revoked = await browser.SubmitAsync(afterIssue, $"#{row.Id} form", new Dictionary<string, string>());
        var afterRevoke = await browser.GetAsync(revoked.Location!);

        Assert.StartsWith("Revoked: key_", afterRevoke.Document.QuerySelector(".notice-box.success .notice-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Revoked", afterRevoke.Document.QuerySelector($"#{row.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Null(afterRevoke.Document.QuerySelector($"#{row.Id} form"));
        using var refused = new PageClient(host.Address);
        Assert.Equal(HttpStatusCode.Unauthorized, (await refused.SignInAsync(secret)).Status);
    }

    [Fact]
    public async Task A_key_the_API_refuses_shows_its_messages_beside_the_fields_and_a_date_it_cannot_read_is_said()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);
        var page = await browser.GetAsync("/admin/keys");

        var noRoles = await browser.GetAsync((await browser.SubmitManyAsync(page, "#issue-key", [("name", "Nobody in particular")])).Location!);
        var badDate = await browser.GetAsync((await browser.SubmitManyAsync(page, "#issue-key", [("name", "Dated"), ("roles", "reader"), ("expiresAt", "next year")])).Location!);

        Assert.Equal("The key was not issued.", noRoles.Document.QuerySelector(".notice-box.error .notice-text")!.TextContent);
        Assert.Equal("Nobody in particular", noRoles.Document.QuerySelector("#key-name")!.GetAttribute("value"));
        Assert.NotEmpty(noRoles.Document.QuerySelectorAll("#issue-key [lang=en]")); // the API's own words, somewhere on the form
        Assert.Equal("Enter the date as year-month-day.", badDate.Document.QuerySelector("#issue-key-expiresAt-error")!.TextContent.Trim());
        Assert.Equal("true", badDate.Document.QuerySelector("#key-expiresAt")!.GetAttribute("aria-invalid"));
    }

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
