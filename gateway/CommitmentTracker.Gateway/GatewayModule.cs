using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace CommitmentTracker.Gateway;

/// <summary>
/// Routes and clusters come from the <c>ReverseProxy</c> configuration section (one cluster per service, active health
/// checks on <c>/alive</c>). Authentication runs here and again in each service; the correlation id middleware of the
/// service defaults sets <c>X-Correlation-Id</c> on the request before it is proxied, and YARP propagates W3C trace context.
/// </summary>
internal static class GatewayModule
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddOptions<GatewayOptions>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.AddGatewayOpenApi();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        app.MapGatewayOpenApi();
        return app;
    }
}

/// <summary>Stands for the proxy configuration, so it is validated at start like every other setting (a misrouted gateway does not start).</summary>
internal sealed class GatewayOptions;

internal sealed class GatewayOptionsValidator(IProxyConfigProvider provider) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var config = provider.GetConfig();
        var failures = new List<string>();
        foreach (var cluster in config.Clusters)
        {
            if (cluster.Destinations is not { Count: > 0 })
            {
                failures.Add($"Setting 'ReverseProxy:Clusters:{cluster.ClusterId}:Destinations' needs at least one destination.");
                continue;
            }

            foreach (var (destinationName, destination) in cluster.Destinations)
            {
                if (!Uri.TryCreate(destination.Address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    failures.Add($"Setting 'ReverseProxy:Clusters:{cluster.ClusterId}:Destinations:{destinationName}:Address' must be an absolute http(s) URL.");
                }
            }
        }

        if (config.Routes.Count == 0)
        {
            failures.Add("Setting 'ReverseProxy:Routes' has no routes.");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures);
    }
}
