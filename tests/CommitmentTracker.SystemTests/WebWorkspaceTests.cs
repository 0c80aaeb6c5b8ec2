using System.Net;
using System.Text.RegularExpressions;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// The web workspace as its own process behind the gateway: a person signs in at the gateway's address and reads a
/// country page, which the workspace fetched through the gateway with that person's key.
/// </summary>
[Collection(SharedDistributedSystem.Name)]
public sealed partial class WebWorkspaceTests(DistributedSystem system)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_signs_in_through_the_gateway_and_reads_a_country_page()
    {
        system.RequireRunning();
        var admin = system.AdminApi;
        await admin.RegisterActionPlanAsync(new RegisterActionPlanRequest
        {
            ActionPlanId = "AP_ISL03", MemberCode = "ISL", MemberName = "Iceland", Number = 3, SubmissionYear = 2022, EndYear = 2024,
        }, cancellationToken: Ct);
        var reader = await admin.CreateApiKeyAsync(new CreateApiKeyRequest("Ingrid reader", ["reader"], null, null, null), Ct);

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = system.GatewayAddress };
        var root = await browser.GetAsync("/", Ct);
        var countries = await browser.GetAsync(root.Headers.Location, Ct);
        var signInPage = await browser.GetStringAsync(countries.Headers.Location, Ct);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(signInPage).Groups[1].Value,
            ["apiKey"] = reader.Secret,
        });
        using var signedIn = await browser.PostAsync(countries.Headers.Location, form, Ct);
        using var country = await browser.GetAsync("/countries/ISL", Ct);
        var html = await country.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fcountries", countries.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/countries", signedIn.Headers.Location!.IsAbsoluteUri ? signedIn.Headers.Location.AbsolutePath : signedIn.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, country.StatusCode);
        Assert.Contains("<h1 tabindex=\"-1\">Iceland <span class=\"code\">ISL</span></h1>", html, StringComparison.Ordinal);
        Assert.Contains("AP_ISL03", html, StringComparison.Ordinal);
        Assert.Contains("Ingrid reader", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", country.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // The API behind the same gateway is untouched: the session cookie is no credential there.
        using var api = await browser.GetAsync("/api/members/ISL", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
