using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Primitives;

namespace CommitmentTracker.Web.Forms;

/// <summary>
/// The pieces every form post of the workspace shares: where to go back to (a local path only), the 303 that makes it
/// Post/Redirect/Get, and the form left for that page with the API's messages when the API refused it.
/// </summary>
internal static class FormActions
{
    /// <summary>The antiforgery field: never written back into a page.</summary>
    private const string TokenField = "__RequestVerificationToken";

    /// <summary>303 See Other: the browser follows with a GET, so a reload never posts again.</summary>
    public static IResult SeeOther(string path) => new SeeOtherResult(path);

    /// <summary>A posted <c>returnUrl</c> when it is a local path, else <paramref name="fallback"/>.</summary>
    public static string Back(string? returnUrl, string fallback) =>
        returnUrl is { Length: > 0 } && WebSession.LocalReturnUrl(returnUrl) == returnUrl ? returnUrl : fallback;

    /// <summary>The posted form when its antiforgery token is valid, else none (the endpoint answers 400).</summary>
    public static async Task<IFormCollection?> ValidFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        return await antiforgery.IsRequestValidAsync(context) ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
    }

    public static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>A field's values trimmed, blanks left out (checkboxes, multiple selects, one per line).</summary>
    public static List<string> Fields(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())] : [];

    /// <summary>The form as posted with what the API said about it; messages naming none of <paramref name="fields"/> go above the form.</summary>
    public static PostedForm Refused(string formId, IFormCollection form, ApiProblem problem, IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(problem);
        var values = ValuesOf(form);
        var known = problem.Errors.Where(e => fields.Any(f => string.Equals(PostedForm.Key(e.Key), f, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var general = problem.Errors.Where(e => !known.ContainsKey(e.Key)).SelectMany(e => e.Value).ToList();
        if (known.Count == 0 && general.Count == 0)
        {
            general.AddRange(new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t))!);
        }

        return new PostedForm(formId, values, known) { General = general };
    }

    /// <summary>The form as posted with the workspace's own message for one field (a value it cannot send, such as a malformed date).</summary>
    public static PostedForm Refused(string formId, IFormCollection form, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = ValuesOf(form);
        return new PostedForm(formId, values, new Dictionary<string, string[]> { [field] = [message] }) { ApiWords = false };
    }

    /// <summary>The form as posted, without messages: a page that answers a preview shows it again filled in.</summary>
    public static PostedForm Kept(string formId, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new PostedForm(formId, ValuesOf(form), new Dictionary<string, string[]>());
    }

    /// <summary>Every posted field but the antiforgery token, as posted.</summary>
    private static Dictionary<string, string[]> ValuesOf(IFormCollection form) =>
        form.Where(f => f.Key != TokenField).ToDictionary(f => f.Key, f => Values(f.Value), StringComparer.Ordinal);

    private static string[] Values(StringValues values) => [.. values.Select(v => v ?? string.Empty)];

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
