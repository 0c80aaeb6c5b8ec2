using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// A request that failed because the database could not be reached (down, restarting, refusing connections, out of
/// connections) gets a 503 with <c>Retry-After</c> in our words, not a 500: the caller did nothing wrong and may try
/// again shortly. The provider's exception (NpgsqlException, SqlException, SqliteException) is recognised through
/// <see cref="System.Data.Common.DbException"/>, wherever EF Core wrapped it, so this project needs no reference to any provider.
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.IsCause(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? "/");
        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "The service's database is unavailable.",
            $"The request could not reach the database and was not completed. Try again in {RetryAfterSeconds} seconds; /health names the database that is down.");
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "The database could not be reached answering {Method} {Path}; the caller got a 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
