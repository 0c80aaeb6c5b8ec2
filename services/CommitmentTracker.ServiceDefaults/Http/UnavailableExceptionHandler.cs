using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// A request that failed because something it needs could not be reached gets a 503 with <c>Retry-After</c> in our
/// words, not a 500: the caller did nothing wrong and may try again shortly. Two causes: the service's database (down,
/// restarting, refusing connections, out of connections; the provider's exception is recognised through
/// <see cref="System.Data.Common.DbException"/> wherever EF Core wrapped it, so this project needs no reference to any
/// provider), or another service that did not answer (<see cref="DependencyUnavailableException"/>, with its own words).
/// </summary>
internal sealed partial class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (title, detail) = exception switch
        {
            DependencyUnavailableException dependency => ("A service this request needs did not answer.",
                $"{dependency.Message} Nothing was changed; try again in {RetryAfterSeconds} seconds."),
            _ when DatabaseOutage.IsCause(exception) => ("The service's database is unavailable.",
                $"The request could not reach the database and was not completed. Try again in {RetryAfterSeconds} seconds; /health names the database that is down."),
            _ => (null, null),
        };
        if (title is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? "/", title);
        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, title, detail);
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "{Method} {Path} got a 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path, string reason);
}
