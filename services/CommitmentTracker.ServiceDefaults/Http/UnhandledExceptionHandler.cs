using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// The last exception handler: any exception no other handler took is logged (with the request's correlation id and
/// trace id, as the body promises) and becomes a bare 500 ProblemDetails, in every environment. Without it, a caller
/// that does not accept JSON would get the developer exception page (a stack trace) in Development; and since .NET 10
/// the middleware no longer logs an exception a handler took, so this one logs it itself.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? "/",
            CorrelationId.Current ?? httpContext.Request.Headers[CorrelationId.HeaderName].ToString(), Activity.Current?.TraceId.ToHexString() ?? httpContext.TraceIdentifier);
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
            "The error was logged with this request's correlation id.");
        return true;
    }

    [LoggerMessage(LogLevel.Error, "Unhandled exception answering {Method} {Path} (correlation id {CorrelationId}, trace id {TraceId}); the caller got a 500")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string correlationId, string traceId);
}
