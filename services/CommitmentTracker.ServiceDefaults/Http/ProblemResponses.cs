using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>Writes an error as ProblemDetails even when the caller's Accept header asks for something else (never an HTML error page).</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string title, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        var writer = context.RequestServices.GetService<IProblemDetailsService>();
        // The exception is deliberately not passed on: nothing of it (type, message, stack) may reach the body.
        if (writer is not null && await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            return;
        }

        problem.Extensions["correlationId"] = context.Request.Headers[CorrelationId.HeaderName].ToString();
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: ContentType, cancellationToken: context.RequestAborted);
    }
}
