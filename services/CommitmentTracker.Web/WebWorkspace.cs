using CommitmentTracker.Client;
using CommitmentTracker.Web.Api;
using CommitmentTracker.Web.Components;
using CommitmentTracker.Web.Admin;
using CommitmentTracker.Web.Imports;
using CommitmentTracker.Web.Assessments;
using CommitmentTracker.Web.Feed;
using CommitmentTracker.Web.Localization;
using CommitmentTracker.Web.Review;
using CommitmentTracker.Web.Session;
using CommitmentTracker.Web.Threads;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Refit;

namespace CommitmentTracker.Web;

/// <summary>
/// The web workspace as pieces a host composes: the standalone web app (distributed mode, behind the gateway) and the
/// embedded host call the same two methods after the service defaults.
/// </summary>
public static class WebWorkspace
{
    /// <summary>The named HttpClient the SDK uses to call the API; tests give it an in-memory handler.</summary>
    public const string ApiClientName = "CommitmentTracker.Web.Api";

    /// <summary>
    /// Pages (Blazor static server rendering), the session cookie and optional OpenID Connect sign-in, Data Protection
    /// keys in <c>Web:DataProtectionKeysPath</c>, the three languages, and the SDK calling the API as the signed-in person.
    /// </summary>
    public static WebApplicationBuilder AddWebWorkspace(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Run from a build output (not published), the stylesheet and Blazor's script are found through the static web
        // assets manifest beside the assembly in every environment, not only in Development; a published app has none.
        builder.WebHost.UseStaticWebAssets();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        var options = builder.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new WebOptions();

        services.AddRazorComponents();
        services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<WebPathConstraint>(WebPathConstraint.Name));
        services.AddLocalization(localization => localization.ResourcesPath = "Resources");
        services.AddHttpContextAccessor();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "ct.antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Session cookies and antiforgery tokens must open on every instance and after a restart: one key ring, on disk.
        var keysPath = options.DataProtectionKeysPath is { Length: > 0 } path
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, path))
            : Path.Combine(builder.Environment.ContentRootPath, "data", "web-keys");
        services.AddDataProtection().SetApplicationName("CommitmentTracker.Web").PersistKeysToFileSystem(new DirectoryInfo(keysPath));

        // Only pages use the session: the API's default scheme (API key, bearer) stays the default, so /api never reads the cookie.
        var authentication = services.AddAuthentication()
            .AddCookie(WebSession.Scheme, cookie => WebSession.Configure(cookie, options));
        if (options.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(WebSession.OidcScheme, oidc => OidcSignIn.Configure(oidc, options.Oidc));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(WebSession.Policy, policy => policy.AddAuthenticationSchemes(WebSession.Scheme).RequireAuthenticatedUser())
            .AddPolicy(WebSession.VisitorPolicy, policy => policy.AddAuthenticationSchemes(WebSession.Scheme).RequireAssertion(_ => true));

        services.AddScoped<Forms.Flash>();
        services.AddSingleton<ApiAddress>();
        services.AddTransient<SessionCredentialHandler>();
        services.AddRefitGeneratedClient<ICommitmentTrackerApi>(new RefitSettings(), ApiClientName)
            .ConfigureHttpClient((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<ApiAddress>().Value;
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<SessionCredentialHandler>()
            // A page waits for a throttled read once, briefly; longer waits show the rate-limit page instead.
            .AddHttpMessageHandler(provider => new RetryOnThrottleHandler(new RetryOptions { MaxAttempts = 2, MaxDelay = TimeSpan.FromSeconds(2) }, provider.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// Maps the pages and the workspace's few endpoints (sign-out, language, OIDC challenge, export), after the service
    /// defaults' authentication and authorization. Non-API paths only: a path without a page is the 404 page.
    /// </summary>
    public static WebApplication MapWebWorkspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cultures = WebCultures.Options();
        app.UseWhen(context => WebPaths.IsWeb(context.Request.Path), web => web
            .UseRequestLocalization(cultures)
            .UseMiddleware<WebRequestMiddleware>());
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>().RequireAuthorization(WebSession.Policy);
        app.MapWebEndpoints();
        app.MapReviewEndpoints();
        app.MapFeedEndpoints();
        app.MapSubscriptionEndpoints();
        app.MapAssessmentEndpoints();
        app.MapThreadEndpoints();
        app.MapKeyEndpoints();
        app.MapTagEndpoints();
        app.MapRuleEndpoints();
        app.MapRegistryEndpoints();
        app.MapImportEndpoints();
        return app;
    }
}
