using CommitmentTracker.Testing;
using System.Text.Json;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests;

/// <summary>The gateway's configured routes send every public endpoint to the service that serves it.</summary>
public sealed class GatewayRoutesTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private static readonly Dictionary<string, string> ClusterOfAssembly = new()
    {
        ["CommitmentTracker.ActionPlans"] = "actionplans",
        ["CommitmentTracker.Tagging"] = "tagging",
        ["CommitmentTracker.Engagement"] = "engagement",
        ["CommitmentTracker.Notifications"] = "notifications",
    };

    [Fact]
    public void Every_service_endpoint_is_routed_to_its_own_cluster()
    {
        _ = fixture.Factory.Server; // start the host so its endpoints exist
        var routes = LoadGatewayRoutes();
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText ?? string.Empty, Assembly: e.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.DeclaringType?.Assembly.GetName().Name))
            .Where(e => e.Assembly is not null && ClusterOfAssembly.ContainsKey(e.Assembly))
            .ToList();
        Assert.NotEmpty(endpoints);

        var misrouted = new List<string>();
        foreach (var (pattern, assembly) in endpoints)
        {
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), "{[^}]+}", "x");
            var cluster = routes.Where(r => r.Matcher.TryMatch(path, [])).OrderBy(r => r.Order).Select(r => r.Cluster).FirstOrDefault();
            if (cluster != ClusterOfAssembly[assembly!])
            {
                misrouted.Add($"{pattern} served by {assembly} goes to {cluster ?? "no cluster"}");
            }
        }

        Assert.Empty(misrouted);
    }

    /// <summary>YARP's policy name for a route that needs no authenticated caller.</summary>
    private const string AnonymousPolicy = "anonymous";

    [Fact]
    public void Every_route_names_a_shared_policy_and_every_cluster_checks_alive()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        var proxy = config.RootElement.GetProperty("ReverseProxy");

        // "anonymous" only on a route of one exact path (no catch-all, no parameter): what it lets through is checked below.
        // The web workspace's route is the exception: its pages are anonymous at the gateway because the workspace asks
        // for its own session (checked in Only_pages_go_to_the_web_workspace).
        Assert.All(proxy.GetProperty("Routes").EnumerateObject().Where(route => route.Value.GetProperty("ClusterId").GetString() != WebCluster), route =>
        {
            var policy = route.Value.GetProperty("AuthorizationPolicy").GetString();
            if (policy == AnonymousPolicy)
            {
                Assert.DoesNotContain("{", route.Value.GetProperty("Match").GetProperty("Path").GetString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(policy, Policies.All);
            }
        });
        Assert.All(proxy.GetProperty("Clusters").EnumerateObject(), cluster =>
        {
            var active = cluster.Value.GetProperty("HealthCheck").GetProperty("Active");
            Assert.True(active.GetProperty("Enabled").GetBoolean());
            Assert.Equal("/alive", active.GetProperty("Path").GetString());
        });
    }

    /// <summary>
    /// The gateway denies before proxying what the service would deny: for every endpoint and method, the route that
    /// takes the request names the endpoint's own policy (endpoints without one need an authenticated caller).
    /// </summary>
    [Fact]
    public void Each_route_enforces_the_policy_of_the_endpoints_it_proxies()
    {
        _ = fixture.Factory.Server;
        var routes = LoadGatewayRoutes();
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault()?.DeclaringType?.Assembly.GetName().Name is { } name && ClusterOfAssembly.ContainsKey(name))
            .ToList();
        Assert.NotEmpty(endpoints);

        var mismatched = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), "{[^}]+}", "x");
            var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? AnonymousPolicy
                : endpoint.Metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? Policies.Authenticated;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var route = routes.Where(r => r.Matcher.TryMatch(path, []) && (r.Methods.Count == 0 || r.Methods.Contains(method))).OrderBy(r => r.Order).FirstOrDefault();
                if (route.Policy != policy)
                {
                    mismatched.Add($"{method} {pattern} needs '{policy}' but the gateway route applies '{route.Policy ?? "no route"}'");
                }
            }
        }

        Assert.Empty(mismatched);
    }

    /// <summary>
    /// An anonymous route serves anonymous endpoints only: for each of its methods some endpoint of that exact path allows
    /// anonymous callers, and no endpoint of that path and method needs credentials.
    /// </summary>
    [Fact]
    public void Anonymous_routes_lead_only_to_endpoints_that_allow_anonymous_callers()
    {
        _ = fixture.Factory.Server;
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var anonymousRoutes = LoadGatewayRoutes().Where(r => r.Policy == AnonymousPolicy && r.Cluster != WebCluster).ToList();
        Assert.NotEmpty(anonymousRoutes);

        var wrong = new List<string>();
        foreach (var route in anonymousRoutes)
        {
            Assert.NotEmpty(route.Methods);
            foreach (var method in route.Methods.Where(m => m != "HEAD"))
            {
                var served = endpoints.Where(e => route.Matcher.TryMatch("/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), [])
                                                  && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false)).ToList();
                if (served.Count == 0 || served.Any(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
                {
                    wrong.Add($"{method} {route.Matcher.Template.TemplateText} is anonymous at the gateway but {(served.Count == 0 ? "no endpoint serves it" : "an endpoint needs credentials")}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private const string WebCluster = "web";

    /// <summary>
    /// Everything that is not the API or the platform's own paths goes to the web workspace, last of all routes, with the
    /// host the person typed (its redirects and OpenID callback are built on it); API paths never reach it.
    /// </summary>
    [Theory]
    [InlineData("/", true)]
    [InlineData("/countries", true)]
    [InlineData("/countries/GBR", true)]
    [InlineData("/signin", true)]
    [InlineData("/_content/CommitmentTracker.Web/app.css", true)]
    [InlineData("/apis-of-the-world", true)]
    [InlineData("/api", false)]
    [InlineData("/api/commitments", false)]
    [InlineData("/API/keys", false)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/scalar", false)]
    [InlineData("/scalar/v1", false)]
    [InlineData("/alive", false)]
    [InlineData("/health", false)]
    public void Only_pages_go_to_the_web_workspace(string path, bool toWeb)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        var routes = config.RootElement.GetProperty("ReverseProxy").GetProperty("Routes");
        var webRoutes = routes.EnumerateObject().Where(r => r.Value.GetProperty("ClusterId").GetString() == WebCluster).Select(r => r.Value).ToList();
        // A catch-all with no value does not reach its constraint: the root has a route of its own.
        var web = webRoutes.Single(r => r.GetProperty("Match").GetProperty("Path").GetString()!.Contains("{**", StringComparison.Ordinal));
        var root = webRoutes.Single(r => r.GetProperty("Match").GetProperty("Path").GetString() == "/");
        var pattern = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(web.GetProperty("Match").GetProperty("Path").GetString()!);
        var parameter = Assert.Single(pattern.Parameters);
        var regex = Assert.Single(parameter.ParameterPolicies).Content!;
        Assert.StartsWith("regex(", regex, StringComparison.Ordinal);
        var constraint = new Microsoft.AspNetCore.Routing.Constraints.RegexRouteConstraint(regex["regex(".Length..^1]);

        var matched = path == "/" || constraint.Match(null, null, parameter.Name, new RouteValueDictionary { [parameter.Name] = path.TrimStart('/') }, RouteDirection.IncomingRequest);

        Assert.Equal(toWeb, matched);
        Assert.All(webRoutes, route =>
        {
            Assert.Equal(AnonymousPolicy, route.GetProperty("AuthorizationPolicy").GetString());
            Assert.True(route.GetProperty("Order").GetInt32() > routes.EnumerateObject().Where(r => r.Value.GetProperty("ClusterId").GetString() != WebCluster).Max(r => r.Value.TryGetProperty("Order", out var o) ? o.GetInt32() : 0));
            Assert.Equal("true", route.GetProperty("Transforms")[0].GetProperty("RequestHeaderOriginalHost").GetString());
        });
        Assert.NotNull(root.GetProperty("ClusterId").GetString());
    }

    [Fact]
    public void The_imports_route_accepts_uploads_as_large_as_the_service_does()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        var imports = config.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").GetProperty("actionplans-imports");

        // The service accepts Imports:MaxFileBytes (200 MB by default) plus the multipart envelope.
        Assert.True(imports.GetProperty("MaxRequestBodySize").GetInt64() >= (200L * 1024 * 1024) + (64 * 1024));
    }

    private static List<(string Cluster, int Order, TemplateMatcher Matcher, HashSet<string> Methods, string? Policy)> LoadGatewayRoutes()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        return config.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Select(route => (
                route.Value.GetProperty("ClusterId").GetString()!,
                route.Value.TryGetProperty("Order", out var order) ? order.GetInt32() : 0,
                new TemplateMatcher(TemplateParser.Parse(route.Value.GetProperty("Match").GetProperty("Path").GetString()!.TrimStart('/')), []),
                route.Value.GetProperty("Match").TryGetProperty("Methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToHashSet() : [],
                route.Value.TryGetProperty("AuthorizationPolicy", out var policy) ? policy.GetString() : null))
            .ToList();
    }

    private static string GatewaySettingsPath() => Path.Combine(Repository.Root, "gateway", "CommitmentTracker.Gateway", "appsettings.json");
}
