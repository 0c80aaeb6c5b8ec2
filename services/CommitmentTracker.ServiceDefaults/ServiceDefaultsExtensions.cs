using CommitmentTracker.ServiceDefaults.Hardening;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using OpenTelemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace CommitmentTracker.ServiceDefaults;

/// <summary>What every service, the embedded host and the gateway add and map.</summary>
public static class ServiceDefaultsExtensions
{
    public const string AlivePath = "/alive";
    public const string HealthPath = "/health";
    private const string LiveTag = "live";

    /// <summary>
    /// The log levels every process starts from: Information, and Warning for ASP.NET Core, EF Core, MassTransit and YARP.
    /// EF Core logs every SQL command it runs at Information: the services, which had no levels of their own, wrote
    /// thousands of commands a second to the console and to the telemetry while they caught up after an import.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string?> DefaultLogLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
    };

    /// <summary>
    /// Telemetry, health checks, ProblemDetails, security and the OpenAPI document. <paramref name="internalIdentity"/>:
    /// services behind the gateway accept its forwarded identity (the default), the gateway issues it, the embedded host neither.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName, InternalIdentity internalIdentity = InternalIdentity.Accept)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Beneath every other source (appsettings, environment, command line), which can set any of them again.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.AddTelemetry(serviceName);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // Ahead of the framework's writer, which declines callers that do not accept JSON.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            RequestValidation.Customize(context);
            ProblemResponses.Standardize(context.ProblemDetails);
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.Request.Headers[CorrelationId.HeaderName].ToString();
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Before the catch-all 500 (registered by AddHardening): a database or service that cannot be reached is a 503 to retry.
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        // A property sent twice is refused, not "last one wins" ({"roles":["reader"],"roles":["admin"]} must not make an admin).
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        // Unreadable requests throw in every environment, so BadRequestExceptionHandler explains them (otherwise
        // outside Development they would be a bare "Bad Request" with no word on what was wrong).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.AddHardening();
        builder.AddApiKeySecurity(internalIdentity);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = $"Commitment Tracker API ({serviceName})";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key. The bootstrap admin key comes from the Auth:BootstrapAdminKey setting.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] });
            return Task.CompletedTask;
        }));
        builder.Services.AddOpenApiConventions();
        return builder;
    }

    /// <summary>
    /// Error handling, correlation ids, authentication, and the anonymous endpoints: <c>/alive</c> (the process answers),
    /// <c>/health</c> (databases and bus), the OpenAPI document and its browsable reference at <c>/scalar</c>.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // Always ProblemDetails, whatever the caller's Accept says (a browser asking for HTML gets JSON, not text/plain).
        app.UseStatusCodePages(static context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            return ProblemResponses.WriteAsync(context.HttpContext, status, ReasonPhrases.GetReasonPhrase(status));
        });
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseRequestShapeLimits();
        // Explicit, so the shape limits and HEAD-as-GET above run before an endpoint is chosen.
        app.UseRouting();
        app.UseConfiguredCors();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication: callers are limited by key id
        app.UseAuthorization();

        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Commitment Tracker API")).AllowAnonymous();
        return app;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(TelemetrySources.Outbox)
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(AlivePath) && !context.Request.Path.StartsWithSegments(HealthPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
