extern alias gateway;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>
/// The gateway in process, its clusters answered by a recording handler: route policies deny before anything is
/// proxied, and what is proxied carries the gateway's signed identity instead of the caller's credentials.
/// </summary>
public sealed class GatewaySecurityTests : IAsyncLifetime
{
    private readonly RecordingForwarder forwarder = new();
    private readonly GatewayFactory factory;

    public GatewaySecurityTests() => factory = new GatewayFactory(forwarder);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task An_anonymous_caller_is_401_at_the_gateway()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync("/api/action-plans", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(forwarder.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST", "/api/action-plans")]
    [InlineData("POST", "/api/imports")]
    [InlineData("GET", "/api/import-sources")]
    public async Task A_reader_is_403_on_admin_routes_before_anything_is_proxied(string method, string path)
    {
        var (_, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        using var reader = factory.CreateClientWithKey(secret);

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        using var response = await reader.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(forwarder.Requests, r => r.Path == path);
    }

    [Fact]
    public async Task A_reader_is_proxied_with_the_gateways_identity_and_without_its_own_credentials()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("lead", ["country-lead"], memberScope: ["BGR"]));
        using var lead = factory.CreateClientWithKey(secret);
        var forged = InternalToken.Create(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "forged"), new Claim(ClaimTypes.Role, Roles.Admin)], "test")),
            TestKeys.InternalSigning,
            DateTime.UtcNow);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/action-plans");
        request.Headers.Add(SecurityHeaders.ForwardedIdentity, forged);
        using var response = await lead.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proxied = Assert.Single(forwarder.Requests, r => r.Path == "/api/action-plans");
        Assert.Null(proxied.ApiKey);
        var token = Assert.Single(proxied.ForwardedIdentities);
        Assert.NotEqual(forged, token);
        var identity = await InternalToken.ValidateAsync(token, TestKeys.InternalSigning, "test");
        Assert.NotNull(identity);
        Assert.Equal(id, identity.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal([Roles.CountryLead], identity.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["BGR"], identity.FindAll(TrackerClaims.Member).Select(c => c.Value));
    }

    [Fact]
    public async Task An_admin_write_is_proxied()
    {
        using var admin = factory.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/action-plans", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var proxied = Assert.Single(forwarder.Requests, r => r.Path == "/api/action-plans");
        var identity = await InternalToken.ValidateAsync(Assert.Single(proxied.ForwardedIdentities), TestKeys.InternalSigning, "test");
        Assert.True(identity!.HasClaim(ClaimTypes.Role, Roles.Admin));
    }

    [Fact]
    public async Task The_gateway_serves_the_key_routes_itself_for_admins_only()
    {
        using var admin = factory.CreateAdminClient();
        using var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/keys", Ct)).StatusCode);
        Assert.DoesNotContain(forwarder.Requests, r => r.Path.StartsWith("/api/keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateway_answers_who_the_caller_is_itself()
    {
        using var admin = factory.CreateAdminClient();
        using var anonymous = factory.CreateClient();

        var me = await admin.GetFromJsonAsync<Contracts.Api.CallerResponse>("/api/me", Ct);

        Assert.Equal(("bootstrap-admin", Roles.Admin), (me!.Id, Assert.Single(me.Roles)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me", Ct)).StatusCode);
        Assert.DoesNotContain(forwarder.Requests, r => r.Path.StartsWith("/api/me", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gateway_does_not_start_without_the_internal_signing_key()
    {
        using var unsigned = new GatewayFactory(forwarder, new Dictionary<string, string?> { ["Auth:InternalSigningKey"] = string.Empty });

        var failure = Assert.ThrowsAny<Exception>(() => unsigned.CreateClient());

        while (failure is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            failure = aggregate.InnerExceptions[0];
        }

        Assert.Contains("Auth:InternalSigningKey", string.Join(" ", Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure).Failures), StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record ProxiedRequest(string Path, string? ApiKey, string[] ForwardedIdentities);

    /// <summary>Stands in for every cluster: records what the gateway sends and answers 200.</summary>
    private sealed class RecordingForwarder : IForwarderHttpClientFactory
    {
        public ConcurrentBag<ProxiedRequest> Requests { get; } = [];

        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(new RecordingHandler(Requests));

        private sealed class RecordingHandler(ConcurrentBag<ProxiedRequest> requests) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                requests.Add(new ProxiedRequest(
                    request.RequestUri!.AbsolutePath,
                    request.Headers.TryGetValues(SecurityHeaders.ApiKey, out var keys) ? string.Join(",", keys) : null,
                    request.Headers.TryGetValues(SecurityHeaders.ForwardedIdentity, out var identities) ? [.. identities] : []));
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
            }
        }
    }

    private sealed class GatewayFactory(RecordingForwarder forwarder, Dictionary<string, string?>? settings = null) : ServiceFactory<gateway::Program>(
        settings,
        services => services.AddSingleton<IForwarderHttpClientFactory>(forwarder))
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            // The key store goes in the test's temporary folder (settings passed in still win).
            builder.UseSetting("Gateway:DataDirectory", DataDirectory);
            base.ConfigureWebHost(builder);
        }
    }
}
