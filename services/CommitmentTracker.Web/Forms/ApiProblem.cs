using System.Net;
using System.Text.Json;
using Refit;

namespace CommitmentTracker.Web.Forms;

/// <summary>
/// What the API said when it refused a request: its ProblemDetails (status, title, detail, errors per field), in the
/// API's own words (English). A page shows them as they come, marked <c>lang="en"</c>, under its own explanation.
/// </summary>
internal sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The answers a form shows to the person; anything else (a 5xx, a 401) is the error page's or the session's.</summary>
    public static bool IsShown(ApiException exception) => exception?.StatusCode is
        HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Conflict
        or HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType
        or HttpStatusCode.UnprocessableEntity;

    public static ApiProblem Of(ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = (int)exception.StatusCode;
        if (exception is ValidationApiException { Content: { } problem })
        {
            return new ApiProblem(status, problem.Title, problem.Detail, problem.Errors ?? new Dictionary<string, string[]>());
        }

        // A problem Refit did not read as one (another media type): read what there is.
        try
        {
            if (exception.Content is { Length: > 0 } content && JsonDocument.Parse(content).RootElement is { ValueKind: JsonValueKind.Object } root)
            {
                var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                    ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray() : [p.Value.ToString()])
                    : [];
                return new ApiProblem(status, Text(root, "title"), Text(root, "detail"), errors);
            }
        }
        catch (JsonException)
        {
        }

        return new ApiProblem(status, exception.ReasonPhrase, null, new Dictionary<string, string[]>());
    }

    /// <summary>The title and detail as one sentence or two, and every field message, for a notice.</summary>
    public IReadOnlyList<NoticeLine> Lines()
    {
        var lines = new List<NoticeLine>();
        var summary = string.Join(" ", new[] { Title, Detail }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (summary.Length > 0)
        {
            lines.Add(new NoticeLine(summary, "en"));
        }

        lines.AddRange(Errors.SelectMany(e => e.Value).Select(message => new NoticeLine(message, "en")));
        return lines;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
