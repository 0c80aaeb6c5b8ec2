using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// The last exception handler: any exception no other handler took becomes a bare 500 ProblemDetails, in every
/// environment. Without it, a caller that does not accept JSON would get the developer exception page (a stack
/// trace) in Development. The exception itself is logged by the exception handler middleware.
/// </summary>
internal sealed class UnhandledExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
            "The error was logged with this request's correlation id.");
        return true;
    }
}
