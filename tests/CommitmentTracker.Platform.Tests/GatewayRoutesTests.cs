using CommitmentTracker.Testing;
using System.Text.Json;
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

    [Fact]
    public void Every_route_requires_authentication_and_every_cluster_checks_alive()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        var proxy = config.RootElement.GetProperty("ReverseProxy");

        Assert.All(proxy.GetProperty("Routes").EnumerateObject(), route => Assert.Equal("authenticated", route.Value.GetProperty("AuthorizationPolicy").GetString()));
        Assert.All(proxy.GetProperty("Clusters").EnumerateObject(), cluster =>
        {
            var active = cluster.Value.GetProperty("HealthCheck").GetProperty("Active");
            Assert.True(active.GetProperty("Enabled").GetBoolean());
            Assert.Equal("/alive", active.GetProperty("Path").GetString());
        });
    }

    [Fact]
    public void The_imports_route_accepts_uploads_as_large_as_the_service_does()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        var imports = config.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").GetProperty("actionplans-imports");

        // The service accepts Imports:MaxFileBytes (200 MB by default) plus the multipart envelope.
        Assert.True(imports.GetProperty("MaxRequestBodySize").GetInt64() >= (200L * 1024 * 1024) + (64 * 1024));
    }

    private static List<(string Cluster, int Order, TemplateMatcher Matcher)> LoadGatewayRoutes()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(GatewaySettingsPath()));
        return config.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Select(route => (
                route.Value.GetProperty("ClusterId").GetString()!,
                route.Value.TryGetProperty("Order", out var order) ? order.GetInt32() : 0,
                new TemplateMatcher(TemplateParser.Parse(route.Value.GetProperty("Match").GetProperty("Path").GetString()!.TrimStart('/')), [])))
            .ToList();
    }

    private static string GatewaySettingsPath() => Path.Combine(Repository.Root, "gateway", "CommitmentTracker.Gateway", "appsettings.json");
}
