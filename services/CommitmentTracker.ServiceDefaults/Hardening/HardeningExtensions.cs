using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Hardening;

/// <summary>
/// What protects every process the same way (gateway, services, embedded host): rate limits per caller, request body
/// limits, security headers, CORS from settings, a last-resort exception handler and console logs with their scopes.
/// </summary>
public static class HardeningExtensions
{
    public static IHostApplicationBuilder AddHardening(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitOptions>, RequestLimitOptionsValidator>();
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>();

        // Registered after the other handlers: it takes whatever they leave.
        services.AddExceptionHandler<UnhandledExceptionHandler>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            // Twice ours, so RequestShapeMiddleware answers (in ProblemDetails) before Kestrel would (with an empty body).
            kestrel.Limits.MaxRequestLineSize = (limits.Value.MaxUrlChars * 2) + 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxHeaderBytes * 2;
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) => CallerRateLimits.Configure(limiter, settings.Value));

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) => ConfigureCors(cors, settings.Value));

        // Every console line carries its scopes: the CorrelationId of the request or consumed message, the trace id.
        services.Configure<SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder;
    }

    /// <summary>Security headers first (they must be on error responses too).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();

    /// <summary>URL and header limits answered in ProblemDetails, and HEAD served as GET without a body.</summary>
    public static IApplicationBuilder UseRequestShapeLimits(this IApplicationBuilder app) => app.UseMiddleware<RequestShapeMiddleware>();

    /// <summary>CORS only when <c>Cors:AllowedOrigins</c> lists origins; otherwise a browser on another origin gets no CORS headers.</summary>
    public static IApplicationBuilder UseConfiguredCors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<CorsSettings>>().Value.AllowedOrigins.Count > 0 ? app.UseCors() : app;
    }

    private static void ConfigureCors(CorsOptions cors, CorsSettings settings)
    {
        if (settings.AllowedOrigins.Count == 0)
        {
            return;
        }

        cors.AddDefaultPolicy(policy =>
        {
            if (settings.AllowedOrigins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. settings.AllowedOrigins]);
            }

            policy.WithMethods([.. settings.AllowedMethods.Count > 0 ? (IEnumerable<string>)settings.AllowedMethods : CorsSettings.DefaultMethods]);
            policy.WithHeaders([.. settings.AllowedHeaders.Count > 0 ? (IEnumerable<string>)settings.AllowedHeaders : CorsSettings.DefaultHeaders]);
            // The correlation id and Retry-After are worth reading from a browser script.
            policy.WithExposedHeaders([CorrelationId.HeaderName, "Retry-After", .. settings.ExposedHeaders]);
            if (settings.AllowCredentials)
            {
                policy.AllowCredentials();
            }
        });
    }
}

/// <summary>Token buckets partitioned by caller: the authenticated key id, else the remote address.</summary>
internal static class CallerRateLimits
{
    public static void Configure(RateLimiterOptions limiter, RateLimitOptions settings)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        if (!settings.Enabled)
        {
            return;
        }

        var every = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(CallerOf(context), _ => Bucket(settings.PermitsPerMinute, settings.Burst)));
        if (settings.WritePermitsPerMinute == 0)
        {
            limiter.GlobalLimiter = every;
            return;
        }

        var writes = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsWrite(context.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter(CallerOf(context), _ => Bucket(settings.WritePermitsPerMinute, settings.WriteBurst))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(every, writes);
    }

    /// <summary>The key id (the limiter runs after authentication); an anonymous caller is known by its address only.</summary>
    internal static string CallerOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } keyId
            ? "key:" + keyId
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>
    /// Refilled every second (the partitioned limiter replenishes on a 100 ms heartbeat, so finer periods would be
    /// rounded); rates under 60 a minute get one permit every 60/N seconds.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int permitsPerMinute, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = permitsPerMinute >= 60 ? permitsPerMinute / 60 : 1,
        ReplenishmentPeriod = permitsPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / permitsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"This caller's rate limit is reached; try again in {seconds} s.");
    }
}

/// <summary>
/// Headers that keep browsers from sniffing, framing or leaking referrers. JSON gets a policy that allows nothing; the
/// Scalar reference page runs its own bundled script and inline configuration, fetches the OpenAPI document and may
/// load fonts, so it gets a relaxed one. HSTS only over https (a browser ignores it over http anyway, and loopback
/// development must not be pinned to https).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    internal const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    internal const string ScalarPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://fonts.scalar.com https://fonts.googleapis.com; " +
        "font-src 'self' data: https://fonts.scalar.com https://fonts.gstatic.com; img-src 'self' data: https:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // A page that set its own policy (the web workspace allows its own assets) keeps it.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ScalarPolicy : ApiPolicy;
            }

            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            // A proxied service's Server header (if any) is not passed on either.
            headers.Remove("Server");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
