using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>
/// A service behind the gateway (the service defaults with <see cref="InternalIdentity.Accept"/>): it trusts the
/// gateway's signed identity and nothing forged, expired or signed with another key; and the shared policies.
/// </summary>
public sealed class ForwardedIdentityTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdminKey"] = TestKeys.Admin,
            ["Auth:InternalSigningKey"] = TestKeys.InternalSigning,
        });
        builder.AddServiceDefaults("test-service");
        app = builder.Build();
        app.UseServiceDefaults();
        app.MapGet("/api/whoami", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            id = user.FindFirstValue(ClaimTypes.NameIdentifier),
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            organisation = user.FindFirstValue(TrackerClaims.Organisation),
            members = user.FindAll(TrackerClaims.Member).Select(c => c.Value).ToArray(),
        }));
        app.MapPost("/api/admin-only", () => TypedResults.NoContent()).RequireAuthorization(Policies.Admin);
        app.MapPost("/api/liaison-only", () => TypedResults.NoContent()).RequireAuthorization(Policies.Liaison);
        app.MapPost("/api/members/{code}/scoped", (string code) => TypedResults.NoContent()).RequireAuthorization(Policies.MemberScope);
        await app.StartAsync(TestContext.Current.CancellationToken);
        client = app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task The_gateways_token_carries_the_callers_identity()
    {
        var token = InternalToken.Create(Caller("key_1", [Roles.Liaison, Roles.CountryLead], "OCP", ["BGR", "ROU"]), TestKeys.InternalSigning, DateTime.UtcNow);

        var me = await SendAsync(HttpMethod.Get, "/api/whoami", token);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("key_1", body.GetProperty("id").GetString());
        Assert.Equal(["liaison", "country-lead"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("OCP", body.GetProperty("organisation").GetString());
        Assert.Equal(["BGR", "ROU"], body.GetProperty("members").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_forged_expired_or_foreign_token_is_401()
    {
        var caller = Caller("key_1", [Roles.Admin]);
        var foreign = InternalToken.Create(caller, "another-signing-key-that-is-32-bytes-long!", DateTime.UtcNow);
        var expired = InternalToken.Create(caller, TestKeys.InternalSigning, DateTime.UtcNow.AddMinutes(-2));
        var genuine = InternalToken.Create(caller, TestKeys.InternalSigning, DateTime.UtcNow);
        var parts = genuine.Split('.');
        // Same signature, payload changed: the signature no longer matches.
        var tampered = $"{parts[0]}.{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("""{"sub":"x","role":"admin","iss":"commitment-tracker-gateway","aud":"commitment-tracker-services","exp":4102444800}"""u8.ToArray())}.{parts[2]}";
        var unsigned = $"{parts[0]}.{parts[1]}.";

        foreach (var token in new[] { foreign, expired, tampered, unsigned, "not-a-token" })
        {
            using var response = await SendAsync(HttpMethod.Get, "/api/whoami", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/whoami", genuine)).StatusCode);
    }

    [Fact]
    public async Task The_bootstrap_admin_key_still_works_on_a_service()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin-only");
        request.Headers.Add(TestKeys.HeaderName, TestKeys.Admin);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/api/admin-only", Roles.Admin, HttpStatusCode.NoContent)]
    [InlineData("/api/admin-only", Roles.Liaison, HttpStatusCode.Forbidden)]
    [InlineData("/api/admin-only", Roles.Reader, HttpStatusCode.Forbidden)]
    [InlineData("/api/liaison-only", Roles.Liaison, HttpStatusCode.NoContent)]
    [InlineData("/api/liaison-only", Roles.Admin, HttpStatusCode.NoContent)]
    [InlineData("/api/liaison-only", Roles.CountryLead, HttpStatusCode.Forbidden)]
    [InlineData("/api/liaison-only", Roles.Reader, HttpStatusCode.Forbidden)]
    [InlineData("/api/members/BGR/scoped", Roles.CountryLead, HttpStatusCode.NoContent)]
    [InlineData("/api/members/bgr/scoped", Roles.CountryLead, HttpStatusCode.NoContent)]
    [InlineData("/api/members/GBR/scoped", Roles.CountryLead, HttpStatusCode.Forbidden)]
    [InlineData("/api/members/GBR/scoped", Roles.Admin, HttpStatusCode.NoContent)]
    [InlineData("/api/members/BGR/scoped", Roles.Reader, HttpStatusCode.Forbidden)]
    [InlineData("/api/members/BGR/scoped", Roles.Liaison, HttpStatusCode.Forbidden)]
    public async Task Policies_admit_by_role_and_member_scope(string path, string role, HttpStatusCode expected)
    {
        // The member claim is present for every role: only a country lead's scope counts.
        var token = InternalToken.Create(Caller("key_2", [role], role == Roles.Liaison ? "OGP" : null, ["BGR"]), TestKeys.InternalSigning, DateTime.UtcNow);

        using var response = await SendAsync(HttpMethod.Post, path, token);

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(SecurityHeaders.ForwardedIdentity, token);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static ClaimsPrincipal Caller(string id, string[] roles, string? organisation = null, string[]? members = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (organisation is not null)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation));
        }

        claims.AddRange((members ?? []).Select(m => new Claim(TrackerClaims.Member, m)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
