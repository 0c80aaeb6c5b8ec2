using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>What the service defaults do to every process: errors, rate limits, body limits, headers, CORS.</summary>
public sealed class HardeningTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task A_throwing_endpoint_is_a_500_problem_without_exception_details_even_in_Development(string accept)
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/boom", string () => throw new InvalidOperationException("secret-internal-detail at db01.internal:1433")));
        using var client = app.Client();
        client.DefaultRequestHeaders.Add("Accept", accept);

        using var response = await client.GetAsync("/boom", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret-internal-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("db01.internal", body, StringComparison.Ordinal);
        Assert.DoesNotContain("HardeningTests", body, StringComparison.Ordinal); // no stack frame
    }

    [Fact]
    public async Task A_caller_over_its_limit_gets_429_problems_with_Retry_After_and_other_callers_and_health_are_unaffected()
    {
        await using var app = await DefaultsApp.StartAsync(
            new Dictionary<string, string?> { ["RateLimits:PermitsPerMinute"] = "1", ["RateLimits:Burst"] = "2" },
            a => a.MapGet("/thing", () => "ok"));
        using var admin = app.Client();
        using var anonymous = app.Client(apiKey: null);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/thing", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/thing", Cancel)).StatusCode);
        using var rejected = await admin.GetAsync("/thing", Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(Assert.Single(rejected.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // The anonymous caller is another partition (its address): its own bucket, then 401 from authorization.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/thing", Cancel)).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alive", Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task Writes_have_their_own_stricter_limit()
    {
        await using var app = await DefaultsApp.StartAsync(
            new Dictionary<string, string?> { ["RateLimits:WritePermitsPerMinute"] = "1", ["RateLimits:WriteBurst"] = "1" },
            a =>
            {
                a.MapGet("/thing", () => "ok");
                a.MapPost("/thing", () => "made");
            });
        using var admin = app.Client();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/thing", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await admin.PostAsync("/thing", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/thing", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_default_limit_is_a_413_problem_and_an_endpoint_may_raise_its_own_limit()
    {
        await using var app = await DefaultsApp.StartAsync(
            new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "1024" },
            a =>
            {
                a.MapPost("/small", (Payload payload) => payload.Text.Length);
                // As the import upload does: the endpoint raises the limit for its own request before reading.
                a.MapPost("/large", async (HttpContext context) =>
                {
                    context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = 1024 * 1024;
                    using var reader = new StreamReader(context.Request.Body);
                    return (await reader.ReadToEndAsync(context.RequestAborted)).Length;
                });
            });
        using var admin = app.Client();
        var big = JsonContent.Create(new Payload(new string('x', 4096)));

        using var rejected = await admin.PostAsync("/small", big, Cancel);
        using var small = await admin.PostAsync("/small", JsonContent.Create(new Payload("hi")), Cancel);
        using var raised = await admin.PostAsync("/large", new StringContent(new string('y', 100_000), Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = await rejected.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal); // Development: still no exception type or stack
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal("100000", await raised.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("/thing", HttpStatusCode.OK)]
    [InlineData("/missing", HttpStatusCode.NotFound)]
    [InlineData("/alive", HttpStatusCode.OK)]
    public async Task Every_response_has_the_security_headers_and_no_Server_header(string path, HttpStatusCode expected)
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/thing", () => new { ok = true }));
        using var response = await app.Client().GetAsync(path, Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http");
        Assert.False(response.Headers.Contains("Server"));
        Assert.True(response.Headers.Contains("X-Correlation-Id"));
    }

    [Fact]
    public async Task Strict_Transport_Security_is_sent_over_https()
    {
        // As the forwarded-headers middleware does behind a TLS-terminating proxy: the request is known to be https.
        await using var app = await DefaultsApp.StartAsync(
            map: a => a.MapGet("/thing", () => "ok"),
            before: a => a.Use((context, next) =>
            {
                context.Request.Scheme = "https";
                return next(context);
            }));

        using var response = await app.Client().GetAsync("/thing", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Scalar_page_gets_a_policy_that_allows_the_scripts_it_loads()
    {
        await using var app = await DefaultsApp.StartAsync();
        using var client = app.Client(apiKey: null);

        using var page = await client.GetAsync("/scalar/", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var url = new Uri(new Uri(app.Address, "/scalar/"), script);
            if (url.Authority == app.Address.Authority)
            {
                using var loaded = await client.GetAsync(url, Cancel);
                Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
            }
            else
            {
                Assert.Contains(url.GetLeftPart(UriPartial.Authority), policy, StringComparison.Ordinal);
            }
        }

        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_allows_only_the_configured_origins()
    {
        await using var app = await DefaultsApp.StartAsync(
            new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example.org" },
            a => a.MapGet("/thing", () => "ok"));
        using var client = app.Client(apiKey: null);

        using var allowed = await client.SendAsync(Preflight(app, "https://app.example.org"), Cancel);
        using var other = await client.SendAsync(Preflight(app, "https://evil.example.com"), Cancel);

        Assert.True(allowed.IsSuccessStatusCode, $"preflight answered {(int)allowed.StatusCode}");
        Assert.Equal("https://app.example.org", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("X-Api-Key", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_configured_origins_there_are_no_cors_headers()
    {
        await using var app = await DefaultsApp.StartAsync(map: a => a.MapGet("/thing", () => "ok"));
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/thing");
        request.Headers.Add("Origin", "https://app.example.org");

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("RateLimits:PermitsPerMinute", "0", "RateLimits:PermitsPerMinute")]
    [InlineData("Limits:MaxRequestBodyBytes", "0", "Limits:MaxRequestBodyBytes")]
    [InlineData("Cors:AllowedOrigins:0", "app.example.org/path", "Cors:AllowedOrigins")]
    public async Task A_bad_setting_stops_the_start_with_its_name(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => DefaultsApp.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(DefaultsApp app, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(app.Address, "/thing"));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "X-Api-Key");
        return request;
    }

    internal sealed record Payload(string Text);
}
