using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// A request that cannot be read (malformed JSON, a duplicate property, a value of the wrong type, a missing body, the
/// wrong content type, too large) is the caller's error: a 4xx, never a 500, explained in our words with the field,
/// line and position where there is one. The framework's own sentences (which name C# types and parameters) never
/// reach the caller.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var (title, detail) = Explain(badRequest);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = badRequest.StatusCode, Title = title, Detail = detail },
        });
    }

    /// <summary>The title and detail for what the framework refused.</summary>
    internal static (string Title, string? Detail) Explain(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("The request body is too large.", "This operation accepts a smaller body; see the limits in docs/security.md.");
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("The body must be JSON.", "Send the body with Content-Type: application/json.");
        }

        if (exception.InnerException is JsonException json)
        {
            return ("The body is not valid JSON for this operation.", Describe(json));
        }

        var message = exception.Message;
        if (BindFailure().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return ("A parameter is not valid.", $"'{name}' must be {Expected(bind.Groups["type"].Value)}; '{Shorten(bind.Groups["value"].Value)}' is not.");
        }

        if (MissingParameter().Match(message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? ("The request needs a body.", "Send a JSON body (Content-Type: application/json).")
                : ("A parameter is missing.", $"'{missing.Groups["name"].Value}' is required.");
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.StartsWith("Unexpected end of request content", StringComparison.Ordinal))
        {
            return ("The request needs a body.", "Send a complete JSON body (Content-Type: application/json).");
        }

        return ("The request could not be read.", null);
    }

    /// <summary>Where the JSON went wrong, and how, without the serializer's words about .NET types.</summary>
    private static string Describe(JsonException json)
    {
        var where = json.Path is { Length: > 1 } path ? $" at '{path.TrimStart('$').TrimStart('.')}'" : string.Empty;
        var position = json.LineNumber is { } line ? $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})" : string.Empty;
        var text = json.Message;
        if (text.Contains("uplicate", StringComparison.Ordinal))
        {
            return $"A property appears more than once{where}{position}; send each property once.";
        }

        if (text.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"A value has the wrong type{where}{position}.";
        }

        if (text.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The body is nested too deeply{position}.";
        }

        return $"The body is not well-formed JSON{where}{position}.";
    }

    private static string Expected(string type) => type.Replace("Nullable<", string.Empty, StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "double" or "decimal" or "float" => "a number",
        "bool" or "Boolean" => "true or false",
        "Guid" => "an id (a GUID)",
        "DateTime" or "DateTimeOffset" or "DateOnly" => "a date (yyyy-mm-dd)",
        _ => "a valid value",
    };

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^ \"]+) (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?<type>[^ \"]+) (?<name>[^\"]+)\" was not provided from (?<source>[a-z ]+)\\.$")]
    private static partial Regex MissingParameter();
}
