using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>Writes an error as ProblemDetails even when the caller's Accept header asks for something else (never an HTML error page).</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>The RFCs of the statuses ASP.NET Core gives no <c>type</c> to: every problem names its kind.</summary>
    private static readonly Dictionary<int, string> TypesNotDefaulted = new()
    {
        [StatusCodes.Status413PayloadTooLarge] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [StatusCodes.Status414UriTooLong] = "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        [StatusCodes.Status429TooManyRequests] = "https://tools.ietf.org/html/rfc6585#section-4",
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = "https://tools.ietf.org/html/rfc6585#section-5",
    };

    /// <summary>Our words for the answers the framework gives with nothing but the status's reason phrase.</summary>
    private static readonly Dictionary<int, (string Title, string Detail)> FrameworkAnswers = new()
    {
        [StatusCodes.Status404NotFound] = ("Not found.", "There is nothing at this address; the API reference is at /scalar."),
        [StatusCodes.Status405MethodNotAllowed] = ("This method is not allowed here.", "The address exists, but not for this HTTP method; the API reference is at /scalar."),
        [StatusCodes.Status415UnsupportedMediaType] = ("The body must be JSON.", "Send the body with Content-Type: application/json."),
    };

    /// <summary>
    /// Gives a problem without a <c>type</c> the one of its status, and a bare framework answer (a status code page:
    /// the reason phrase and nothing else) our words.
    /// </summary>
    internal static void Standardize(ProblemDetails problem)
    {
        if (problem.Type is null && problem.Status is { } status && TypesNotDefaulted.TryGetValue(status, out var type))
        {
            problem.Type = type;
        }

        if (problem.Status is { } code && problem.Detail is null && FrameworkAnswers.TryGetValue(code, out var words)
            && string.Equals(problem.Title, ReasonPhrases.GetReasonPhrase(code), StringComparison.Ordinal))
        {
            (problem.Title, problem.Detail) = words;
        }
    }

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

        Standardize(problem);
        problem.Extensions["correlationId"] = context.Request.Headers[CorrelationId.HeaderName].ToString();
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: ContentType, cancellationToken: context.RequestAborted);
    }
}
