using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Edge.Keys;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace CommitmentTracker.Gateway;

/// <summary>
/// Routes and clusters come from the <c>ReverseProxy</c> configuration section (one cluster per service, active health
/// checks on <c>/alive</c>; one destination per instance of the service, balanced, an idempotent request retried on
/// another instance when its first one just died: <see cref="RetryOnAnotherInstance"/>). The gateway authenticates the caller (API key from its key store, or external JWT),
/// authorizes the route's policy, and forwards the identity as a short-lived signed token (<see cref="InternalToken"/>);
/// services authorize their endpoints again from it. The correlation id middleware of the service defaults sets
/// <c>X-Correlation-Id</c> on the request before it is proxied, and YARP propagates W3C trace context.
/// </summary>
internal static class GatewayModule
{
    public const string ServiceName = "gateway";

    /// <summary>Defaults below every other configuration source: the key store is a SQLite file in the gateway's data folder.</summary>
    public static IHostApplicationBuilder AddGatewayDefaults(this IHostApplicationBuilder builder)
    {
        var dataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Gateway:DataDirectory"] is { Length: > 0 } configured ? configured : "data"));
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:MigrateAtStart"] = "true",
                [$"ConnectionStrings:{ApiKeyStoreExtensions.ConnectionName}"] = $"Data Source={Path.Combine(dataDirectory, "apikeys.db")}",
            },
        });
        return builder;
    }

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddApiKeyStore();
        builder.Services.AddSingleton<ForwardedIdentityIssuer>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(context => context.AddRequestTransform(ForwardIdentity));
        builder.Services.AddOptions<GatewayOptions>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.AddGatewayOpenApi();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapApiKeys();
        // YARP's default pipeline (session affinity, load balancing, passive health checks) with a retry step in front.
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(RetryOnAnotherInstance.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapGatewayOpenApi();
        return app;
    }

    /// <summary>
    /// Replaces whatever credentials the caller sent with the gateway's signed statement of who the caller is. A client's
    /// own <c>X-Forwarded-Identity</c> never reaches a service, and API keys and bearer tokens go no further than here.
    /// </summary>
    private static ValueTask ForwardIdentity(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        headers.Remove(InternalToken.HeaderName);
        headers.Remove(SecurityHeaders.ApiKey);
        headers.Remove("Authorization");

        var user = transform.HttpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var services = transform.HttpContext.RequestServices;
            var signingKey = services.GetRequiredService<IOptions<AuthOptions>>().Value.InternalSigningKey!;
            headers.Add(InternalToken.HeaderName, services.GetRequiredService<ForwardedIdentityIssuer>().TokenFor(user, signingKey));
        }

        return ValueTask.CompletedTask;
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
