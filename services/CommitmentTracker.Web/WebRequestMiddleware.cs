using System.Net;
using CommitmentTracker.Web.Components;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Refit;

namespace CommitmentTracker.Web;

/// <summary>
/// Around every workspace request: the page's security headers (a CSP that allows the app's own assets only), the
/// session's credential read once, a session the API stopped accepting ended with a redirect to sign-in, and any other
/// failure shown as an error page in the person's language with the correlation id (never JSON, never a stack trace).
/// </summary>
internal sealed partial class WebRequestMiddleware(RequestDelegate next, ILogger<WebRequestMiddleware> logger, IOptions<WebOptions> options)
{
    private readonly string contentSecurityPolicy = ContentSecurityPolicy(options.Value);

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (http, policy) = ((HttpContext, string))state;
            http.Response.Headers.ContentSecurityPolicy = policy;
            http.Response.Headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            http.Response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, (context, contentSecurityPolicy));

        if (context.User.Identity?.AuthenticationType == WebSession.Scheme)
        {
            await WebSession.LoadCredentialAsync(context);
        }

        try
        {
            await next(context);
        }
        catch (Exception ended) when (!context.Response.HasStarted && IsSessionEnded(ended))
        {
            LogSessionEnded(logger, context.User.Identity?.Name);
            var returnUrl = WebSession.LocalReturnUrl(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
            context.Response.Clear();
            await WebSession.SignOutAsync(context);
            context.Response.Redirect($"{WebSession.SignInPath}?ended=true&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var status = exception switch
            {
                ApiException { StatusCode: HttpStatusCode.TooManyRequests } => StatusCodes.Status429TooManyRequests,
                ApiException { StatusCode: HttpStatusCode.Forbidden } => StatusCodes.Status403Forbidden,
                ApiException { StatusCode: HttpStatusCode.ServiceUnavailable } or ApiRequestException or HttpRequestException or TaskCanceledException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            LogFailure(logger, exception, context.Request.Path, status);
            context.Response.Clear();
            context.SetEndpoint(null);
            if (exception is ApiException { StatusCode: HttpStatusCode.TooManyRequests } throttled && throttled.Headers.RetryAfter?.Delta is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // The failed page's renderer belongs to the request's scope: the error page gets a scope of its own.
            var requestServices = context.RequestServices;
            await using var scope = requestServices.CreateAsyncScope();
            context.RequestServices = scope.ServiceProvider;
            try
            {
                await new RazorComponentResult<App>(new Dictionary<string, object?> { [nameof(App.FailureStatus)] = status }) { StatusCode = status }.ExecuteAsync(context);
            }
            finally
            {
                context.RequestServices = requestServices;
            }
        }
    }

    /// <summary>Refit hands on what the credential handler threw inside an <see cref="ApiRequestException"/>.</summary>
    private static bool IsSessionEnded(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SessionEndedException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Own scripts, styles and images only: no inline script or style (charts are SVG with attributes, not styles). Forms
    /// post to this origin, and the OpenID provider's, where sign-in redirects.
    /// </summary>
    internal static string ContentSecurityPolicy(WebOptions options)
    {
        var formAction = "'self'";
        if (options.Oidc.Enabled && Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority))
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
               $"form-action {formAction}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The API no longer accepts the session of {Person}; the session ends.")]
    private static partial void LogSessionEnded(ILogger logger, string? person);

    [LoggerMessage(Level = LogLevel.Error, Message = "The page {Path} failed; answered {Status} with the error page.")]
    private static partial void LogFailure(ILogger logger, Exception exception, PathString path, int status);
}
