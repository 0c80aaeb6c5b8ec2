using CommitmentTracker.Edge.OpenApi;
using CommitmentTracker.ServiceDefaults.OpenApi;
using Yarp.ReverseProxy.Configuration;

namespace CommitmentTracker.Gateway;

/// <summary>
/// The gateway serves one OpenAPI document for the whole public API at <c>/openapi/v1.json</c> (and so Scalar at
/// <c>/scalar</c> shows it): every cluster's <c>/openapi/v1.json</c>, fetched from its first destination and merged.
/// </summary>
internal static class GatewayOpenApi
{
    private const string HttpClientName = "openapi-sources";
    private const string DocumentPath = "/openapi/v1.json";

    public static IHostApplicationBuilder AddGatewayOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName);
        builder.Services.AddSingleton(services =>
        {
            var proxy = services.GetRequiredService<IProxyConfigProvider>();
            var refresh = Math.Max(1, builder.Configuration.GetValue("Gateway:OpenApiRefreshSeconds", 30));
            return new OpenApiAggregator(
                // Destinations are fixed addresses from configuration, so one long-lived client is fine here.
                services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                () => Sources(proxy.GetConfig()),
                new OpenApiAggregatorOptions { RefreshInterval = TimeSpan.FromSeconds(refresh) },
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                services.GetRequiredService<ILogger<OpenApiAggregator>>());
        });
        return builder;
    }

    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        // Order -1: wins over the gateway's own (empty) document that the service defaults map on the same path.
        app.MapGet(DocumentPath, async (OpenApiAggregator aggregator, CancellationToken cancellationToken) =>
                TypedResults.Text(await aggregator.GetDocumentJsonAsync(cancellationToken), "application/json; charset=utf-8"))
            .WithOrder(-1)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    internal static List<OpenApiSourceAddress> Sources(IProxyConfig config) =>
        [.. config.Clusters
            .Where(cluster => cluster.Destinations is { Count: > 0 })
            .OrderBy(cluster => cluster.ClusterId, StringComparer.Ordinal)
            .Select(cluster => new OpenApiSourceAddress(
                cluster.ClusterId,
                new Uri(new Uri(cluster.Destinations!.OrderBy(d => d.Key, StringComparer.Ordinal).First().Value.Address), DocumentPath)))];
}
