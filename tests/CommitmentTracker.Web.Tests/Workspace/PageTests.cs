using System.Net;
using CommitmentTracker.Testing;
using CommitmentTracker.Web.Session;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// The workspace's pages over HTTP, as the server renders them (no script): sign-in, every page with the real sample,
/// filters and paging in the query string, languages, sessions that end, and the API left as it was.
/// </summary>
[Collection(SharedWorkspace.Name)]
public sealed class PageTests(WorkspaceHost host)
{
    private static readonly string[] AssessedMembers = ["GBR", "BGR"];
    private static readonly string[] TaggedCommitments = ["UK0098", "BG0039"];

    private static readonly IReadOnlyList<string> SampleMembers =
        [.. OgpSampleSheet.Rows.Values.Select(r => r["Code"]).Distinct(StringComparer.Ordinal)];

    [Fact]
    public async Task The_root_opens_on_the_sign_in_page_and_remembers_where_to_go()
    {
        using var browser = new PageClient(host.Address);

        var root = await browser.GetAsync("/");
        var countries = await browser.GetAsync(root.Location!);

        Assert.Equal(HttpStatusCode.Redirect, root.Status);
        Assert.Equal("/countries", root.Location);
        Assert.Equal(HttpStatusCode.Redirect, countries.Status);
        Assert.Equal("/signin?returnUrl=%2Fcountries", countries.Location);
        var signIn = await browser.GetAsync(countries.Location!);
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Single(signIn.Document.QuerySelectorAll("input[name=apiKey]"));
        Assert.Single(signIn.Document.QuerySelectorAll("form:has(input[name=apiKey]) input[name=__RequestVerificationToken]"));
    }

    [Theory]
    [InlineData(WorkspaceHost.Admin, "Admin")]
    [InlineData(WorkspaceHost.OgpLiaison, "Liaison · OGP")]
    [InlineData(WorkspaceHost.OcpLiaison, "Liaison · OCP")]
    [InlineData(WorkspaceHost.CountryLead, "Country lead")]
    [InlineData(WorkspaceHost.Reader, "Reader")]
    public async Task Each_role_signs_in_and_the_layout_says_who_they_are(string role, string roleText)
    {
        var person = host.People[role];
        using var browser = new PageClient(host.Address);

        var signedIn = await browser.SignInAsync(person.Secret, "/search?q=procurement");
        var search = await browser.GetAsync(signedIn.Location!);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/search?q=procurement", signedIn.Location);
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.Equal(person.Name, search.Document.QuerySelector(".person-name")?.TextContent);
        Assert.Equal(roleText, search.Document.QuerySelector(".person-role")?.TextContent);
        // The key is inside the encrypted cookie only: never in a page.
        Assert.DoesNotContain(person.Secret, search.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Secret, signedIn.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_encrypted()
    {
        using var browser = new PageClient(host.Address);

        var signedIn = await browser.SignInAsync(host.People[WorkspaceHost.Reader].Secret);

        var setCookie = Assert.Single(signedIn.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(WebSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", setCookie, StringComparison.OrdinalIgnoreCase); // a browser-session cookie
        Assert.DoesNotContain(host.People[WorkspaceHost.Reader].Secret, Uri.UnescapeDataString(setCookie), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ctk_not-a-key-anyone-was-given")]
    [InlineData("local-admin-key-change-me")]
    public async Task A_wrong_key_is_refused_with_a_clear_error_and_no_session(string wrongKey)
    {
        using var browser = new PageClient(host.Address);

        var refused = await browser.SignInAsync(wrongKey);
        var countries = await browser.GetAsync("/countries");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("This key was not accepted: it is wrong, revoked or expired.", refused.Document.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", refused.Document.QuerySelector("#apiKey")?.GetAttribute("aria-invalid"));
        Assert.DoesNotContain(wrongKey, refused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, countries.Status);
    }

    [Fact]
    public async Task An_empty_key_is_asked_for_and_a_post_without_antiforgery_token_is_rejected()
    {
        using var browser = new PageClient(host.Address);

        var empty = await browser.SignInAsync("   ");
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "signin", ["apiKey"] = host.People[WorkspaceHost.Admin].Secret });
        using var http = new HttpClient { BaseAddress = host.Address };
        using var withoutToken = await http.PostAsync("/signin", forged, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("Enter your API key.", empty.Main, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Empty(withoutToken.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith(WebSession.CookieName, StringComparison.Ordinal)) : []);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task A_return_url_that_leaves_the_site_goes_to_the_countries_instead(string returnUrl)
    {
        using var browser = new PageClient(host.Address);

        var signedIn = await browser.SignInAsync(host.People[WorkspaceHost.Reader].Secret, returnUrl);

        Assert.Equal("/countries", signedIn.Location);
    }

    [Fact]
    public async Task A_key_revoked_later_ends_the_session_at_the_next_request()
    {
        var person = await host.IssueThrowawayAsync("to be revoked (pages)");
        using var browser = new PageClient(host.Address);
        await browser.SignInAsync(person.Secret);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/countries")).Status);

        await host.AdminApi.RevokeApiKeyAsync(person.Id, TestContext.Current.CancellationToken);
        var thrownOut = await browser.GetAsync("/countries/GBR?x=1");
        var signIn = await browser.GetAsync(thrownOut.Location!);
        var again = await browser.GetAsync("/countries");

        Assert.Equal(HttpStatusCode.Redirect, thrownOut.Status);
        Assert.Equal("/signin?ended=true&returnUrl=%2Fcountries%2FGBR%3Fx%3D1", thrownOut.Location);
        Assert.Contains("Your session has ended", signIn.Main, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, again.Status); // the cookie went with the session
        Assert.StartsWith("/signin", again.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = new PageClient(host.Address);
        await browser.SignInAsync(host.People[WorkspaceHost.Reader].Secret);
        var countries = await browser.GetAsync("/countries");

        var signedOut = await browser.SubmitAsync(countries, $"form[action='{WebSession.SignOutPath}']", new Dictionary<string, string>());
        var after = await browser.GetAsync("/countries");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal("/signin?signedOut=true", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
    }

    [Fact]
    public async Task The_countries_page_lists_every_member_with_its_engagement_and_both_charts()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var page = await browser.GetAsync("/countries?pageSize=200");

        var rows = page.Document.QuerySelectorAll("table.data tbody tr").ToList();
        Assert.Equal(SampleMembers.Count, rows.Count);
        Assert.Equal(SampleMembers.Order(StringComparer.Ordinal), rows.Select(r => r.QuerySelector("th .code")!.TextContent).Order(StringComparer.Ordinal));
        var britain = rows.Single(r => r.QuerySelector("th .code")!.TextContent == "GBR");
        Assert.Equal("/countries/GBR", britain.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["Europe", "National"], britain.QuerySelectorAll("td").Take(2).Select(c => c.TextContent));
        Assert.Equal("AP_GBR05", britain.QuerySelectorAll("td")[^1].TextContent);
        Assert.Equal(["Engagement categories by region", "Distribution of engagement scores"], page.Document.QuerySelectorAll("figure.chart figcaption").Select(c => c.TextContent));
        Assert.Equal(2, page.Document.QuerySelectorAll("figure.chart svg[role=img] desc").Count(d => d.TextContent.Length > 0));
        Assert.Contains("Europe", page.Document.QuerySelector("figure.chart details table")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/countries?level=local", new[] { "GBSC" })]
    [InlineData("/countries?q=bulg", new[] { "BGR" })]
    [InlineData("/countries?q=gbr", new[] { "GBR" })]
    [InlineData("/countries?region=Americas", new[] { "GTM" })]
    [InlineData("/countries?region=Africa%20and%20the%20Middle%20East&level=national", new[] { "JOR", "MWI", "SLE" })]
    public async Task Filters_narrow_the_members_through_the_query_string(string url, string[] codes)
    {
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);

        var page = await browser.GetAsync(url);

        Assert.Equal(codes, page.Document.QuerySelectorAll("table.data tbody tr th .code").Select(c => c.TextContent).Order(StringComparer.Ordinal));
        // The form shows the filters in force, so the URL is the whole state.
        if (url.Contains("level=local", StringComparison.Ordinal))
        {
            Assert.Equal("local", page.Document.QuerySelector("#level option[selected]")?.GetAttribute("value"));
        }
    }

    [Fact]
    public async Task The_category_and_dips_filters_agree_with_what_the_rows_show()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);
        var all = await browser.GetAsync("/countries?pageSize=200");
        var firstCategory = all.Document.QuerySelector("table.data tbody tr td .badge")!.ClassList.First(c => c.StartsWith("cat-", StringComparison.Ordinal))[4..];

        var byCategory = await browser.GetAsync($"/countries?pageSize=200&category={firstCategory}");
        var withDips = await browser.GetAsync("/countries?pageSize=200&dips=with");
        var withoutDips = await browser.GetAsync("/countries?pageSize=200&dips=without");

        var categories = byCategory.Document.QuerySelectorAll("table.data tbody tr td .badge[class*=cat-]").Select(b => b.ClassList.First(c => c.StartsWith("cat-", StringComparison.Ordinal))[4..]).ToList();
        Assert.NotEmpty(categories);
        Assert.All(categories, c => Assert.Equal(firstCategory, c));
        Assert.All(withDips.Document.QuerySelectorAll("table.data tbody tr"), r => Assert.NotNull(r.QuerySelector(".badge.dip")));
        Assert.All(withoutDips.Document.QuerySelectorAll("table.data tbody tr"), r => Assert.Null(r.QuerySelector(".badge.dip")));
        Assert.Equal(SampleMembers.Count, withDips.Document.QuerySelectorAll("table.data tbody tr").Length + withoutDips.Document.QuerySelectorAll("table.data tbody tr").Length);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap_through_the_query_string()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var first = await browser.GetAsync("/countries?pageSize=5&region=Europe");
        var next = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await browser.GetAsync(next);
        var outOfRange = await browser.GetAsync("/countries?pageSize=5&region=Europe&page=99");

        Assert.Contains("page=2", next, StringComparison.Ordinal);
        Assert.Contains("region=Europe", next, StringComparison.Ordinal);
        var firstCodes = first.Document.QuerySelectorAll("table.data tbody tr th .code").Select(c => c.TextContent).ToList();
        var secondCodes = second.Document.QuerySelectorAll("table.data tbody tr th .code").Select(c => c.TextContent).ToList();
        Assert.Equal(5, firstCodes.Count);
        Assert.NotEmpty(secondCodes);
        Assert.Empty(firstCodes.Intersect(secondCodes));
        Assert.Contains("Showing 1–5 of", first.Document.QuerySelector(".pager-status")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(outOfRange.Document.QuerySelector("a[rel=prev]")); // the last page, not an empty one
    }

    [Fact]
    public async Task A_country_page_shows_plans_commitments_engagement_publications_and_mandate()
    {
        using var browser = await SignedInAsync(WorkspaceHost.CountryLead);

        var page = await browser.GetAsync("/countries/gbr");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("United Kingdom", page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var commitment = page.Document.QuerySelector(".timeline a[href='/commitments/UK0098']")!;
        Assert.Contains("Open contracting", commitment.TextContent, StringComparison.Ordinal);
        Assert.NotNull(commitment.ParentElement!.QuerySelector(".badge.oc")); // open contracting for Engagement
        Assert.Contains("AP_GBR05", page.Document.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#engagement-heading"));
        Assert.NotEmpty(page.Document.QuerySelector(".explanation")!.TextContent.Trim());
        Assert.NotEmpty(page.Document.QuerySelectorAll("table caption#components-caption ~ tbody tr"));
        Assert.NotNull(page.Document.QuerySelector("figure.chart svg[role=img]")); // the history chart
        Assert.Contains("Cabinet Office leads", page.Document.QuerySelector("#mandate-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 of 3", page.Html, StringComparison.Ordinal);
        // UK0098's tag confirmed by both organisations (the fixture) makes it open contracting, with its IRM values.
        Assert.Contains("Potential impact", commitment.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#ocds-heading"));
    }

    [Fact]
    public async Task A_commitment_page_spells_out_states_shows_dates_both_ways_and_its_history()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OcpLiaison);
        var row = OgpSampleSheet.Rows["UK0098"];

        var page = await browser.GetAsync("/commitments/UK0098");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Open contracting", page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        // As written ("4/1/2022") and as read (a <time> with the ISO date).
        Assert.Equal([row["Start Date"], row["End Date"]], page.Document.QuerySelectorAll("dl.fields .as-written q").Select(q => q.TextContent));
        Assert.Equal(2, page.Document.QuerySelectorAll("dl.fields .as-read time[datetime]").Length);
        // NR is "not yet reviewed", never a blank.
        Assert.Contains("Not yet reviewed", page.Document.QuerySelector("#irm-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains(row["Full Text"].Split('\n')[0].Trim()[..20], page.Document.QuerySelector(".full-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Version 1: added", page.Document.QuerySelector("#history-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_words_behind_a_suggestion_are_marked_in_the_text()
    {
        using var browser = await SignedInAsync(WorkspaceHost.OgpLiaison);
        var tags = await host.AdminApi.GetCommitmentTagsAsync("BG0039", TestContext.Current.CancellationToken);
        var textual = tags.Suggestions.SelectMany(s => s.Evidence).Where(e => e.Field is "title" or "fullText").ToList();
        Assert.NotEmpty(textual); // the sample's e-procurement commitment has phrase evidence

        var page = await browser.GetAsync("/commitments/BG0039");

        var marked = page.Document.QuerySelectorAll(".commitment-text mark").Select(m => m.TextContent).ToList();
        Assert.All(textual, e => Assert.Contains(marked, m => string.Equals(m, e.MatchedText, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(tags.Suggestions[0].Tag, page.Document.QuerySelector("ul.suggestions")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_commitments_by_words_with_filters_paging_and_exports()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var page = await browser.GetAsync("/search?q=procurement&pageSize=3");
        var filtered = await browser.GetAsync("/search?q=procurement&member=MWI");
        var csv = await browser.GetAsync(page.Document.QuerySelector("a[href*='format=csv']")!.GetAttribute("href")!);
        var xlsx = await browser.GetAsync(page.Document.QuerySelector("a[href*='format=xlsx']")!.GetAttribute("href")!);
        var invalid = await browser.GetAsync("/search?policyArea=not-a-policy-area");

        Assert.Equal(3, page.Document.QuerySelectorAll("table.data tbody tr").Length);
        Assert.NotNull(page.Document.QuerySelector("a[rel=next]"));
        Assert.All(filtered.Document.QuerySelectorAll("table.data tbody tr th a"), a => Assert.StartsWith("MW", a.TextContent, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal("text/csv", csv.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Commitment Unique Identifier,", csv.Html.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("procurement", csv.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("Unknown policy area", invalid.Main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_member_commitment_or_page_is_a_404_page_with_the_correlation_id()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var member = await browser.GetAsync("/countries/XYZ");
        var commitment = await browser.GetAsync("/commitments/NOPE0001");
        var nowhere = await browser.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, member.Status);
        Assert.Contains("There is no member with the code XYZ.", member.Main, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, commitment.Status);
        Assert.Contains("There is no commitment NOPE0001.", commitment.Main, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.Status);
        Assert.Equal("text/html", nowhere.Response.Content.Headers.ContentType?.MediaType);
        var correlation = nowhere.Document.QuerySelector(".correlation code")!.TextContent;
        Assert.Equal(nowhere.Response.Headers.GetValues("X-Correlation-Id").Single(), correlation);
    }

    [Fact]
    public async Task Accept_language_and_the_switch_choose_the_language_and_html_lang_follows()
    {
        using var spanish = new PageClient(host.Address, "es-MX,es;q=0.9");
        await spanish.SignInAsync(host.People[WorkspaceHost.Reader].Secret);
        var enEspanol = await spanish.GetAsync("/countries");

        var switched = await spanish.SubmitAsync(enEspanol, "form.language-switch", new Dictionary<string, string>(), "culture", "fr");
        var enFrancais = await spanish.GetAsync(switched.Location!);
        var signInFrench = await new PageClient(host.Address, "fr").GetAsync("/signin");

        Assert.Equal("es", enEspanol.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Países y localidades", enEspanol.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("/countries", switched.Location);
        Assert.Contains(".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr", string.Join(';', switched.Response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Equal("fr", enFrancais.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Pays et collectivités", enFrancais.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("true", enFrancais.Document.QuerySelector("button[value=fr]")!.GetAttribute("aria-pressed"));
        Assert.Equal("Connexion", signInFrench.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Api_paths_keep_answering_problem_details_and_never_read_the_session()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Admin);

        var withCookieOnly = await browser.GetAsync("/api/commitments");
        var unknownApi = await browser.GetAsync("/api/no-such-thing");
        var health = await browser.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Unauthorized, withCookieOnly.Status);
        Assert.Equal("application/problem+json", withCookieOnly.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownApi.Status);
        Assert.Equal("application/problem+json", unknownApi.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", withCookieOnly.Response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Pages_carry_a_policy_that_allows_the_apps_own_assets_only()
    {
        using var browser = await SignedInAsync(WorkspaceHost.Reader);

        var page = await browser.GetAsync("/countries");
        var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        var stylesheet = await browser.GetAsync(page.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!);
        var script = await browser.GetAsync(page.Document.QuerySelector("script[src]")!.GetAttribute("src")!);

        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Empty(page.Document.QuerySelectorAll("[style]"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
        Assert.Equal(HttpStatusCode.OK, stylesheet.Status);
        Assert.Equal(HttpStatusCode.OK, script.Status);
    }

    /// <summary>
    /// What a page offers is what the API allows: every form posts to the workspace's own sign-out or language switch
    /// (or "follow", for those the API lets subscribe), and every link of the site answers the person without a 403.
    /// </summary>
    [Theory]
    [InlineData(WorkspaceHost.Admin)]
    [InlineData(WorkspaceHost.OgpLiaison)]
    [InlineData(WorkspaceHost.OcpLiaison)]
    [InlineData(WorkspaceHost.CountryLead)]
    [InlineData(WorkspaceHost.Reader)]
    public async Task Each_role_is_offered_only_what_the_API_allows_it(string role)
    {
        using var browser = await SignedInAsync(role);
        string[] pages = ["/countries", "/countries/GBR", "/countries/BGR", "/commitments/UK0098", "/commitments/BG0039", "/search?q=procurement"];
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in pages)
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var posts = page.Document.QuerySelectorAll("form[method=post]").Select(f => f.GetAttribute("action")).ToHashSet();
            // Following for those who may subscribe; tagging, linking and the mandate for liaisons and admins; nothing else.
            var allowed = new HashSet<string?> { WebSession.SignOutPath, WebEndpoints.CulturePath };
            if (role != WorkspaceHost.Reader)
            {
                allowed.Add(Feed.FeedEndpoints.FollowPath);
            }

            if (role is WorkspaceHost.Admin or WorkspaceHost.OgpLiaison or WorkspaceHost.OcpLiaison)
            {
                allowed.UnionWith(AssessedMembers.Select(Assessments.AssessmentEndpoints.MandatePath));
                allowed.UnionWith(TaggedCommitments.SelectMany(id => new[] { Assessments.AssessmentEndpoints.TagPath(id), Assessments.AssessmentEndpoints.UntagPath(id), Threads.ThreadEndpoints.LinkPath(id) }));
            }

            Assert.Subset(allowed, posts);
            links.UnionWith(page.Document.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!).Where(h => !h.Contains('#', StringComparison.Ordinal)));
        }

        foreach (var link in links)
        {
            var followed = await browser.GetAsync(link);
            Assert.True(followed.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{link} answered {(int)followed.Status} to {role}");
        }
    }

    private async Task<PageClient> SignedInAsync(string role)
    {
        var browser = new PageClient(host.Address);
        var signedIn = await browser.SignInAsync(host.People[role].Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }
}
