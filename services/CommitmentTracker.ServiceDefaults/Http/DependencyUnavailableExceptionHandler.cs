using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// A request that needed another service which did not answer (<see cref="DependencyUnavailableException"/>) gets a 503
/// with <c>Retry-After</c> and the exception's own words, not a 500.
/// </summary>
internal sealed partial class DependencyUnavailableExceptionHandler(ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DependencyUnavailableException unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? "/");
        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "A service this request needs did not answer.",
            $"{unavailable.Message} Nothing was changed; try again in {RetryAfterSeconds} seconds.");
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Another service did not answer during {Method} {Path}; the caller got a 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
