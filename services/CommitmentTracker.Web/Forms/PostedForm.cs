namespace CommitmentTracker.Web.Forms;

/// <summary>
/// A form as it was posted (every field's values) and the API's validation messages per field, so the page shows it
/// again as the person left it, each message next to its field. Field names are the API's (<c>members</c>,
/// <c>politicalLeadership.score</c>); the API's error keys are matched to them without regard to case or a leading <c>$.</c>.
/// Public only because Blazor requires a component's parameters (FieldMessages, FormProblems) to be public.
/// </summary>
public sealed record PostedForm(string Id, IReadOnlyDictionary<string, string[]> Values, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Messages that name no field of the form (or the whole body): shown above it.</summary>
    public IReadOnlyList<string> General { get; init; } = [];

    /// <summary>Whether the messages are the API's own words (English, shown with <c>lang="en"</c>) or the workspace's, in the person's language.</summary>
    public bool ApiWords { get; init; } = true;

    public string? Value(string name) => Values.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    public IReadOnlyList<string> All(string name) => Values.TryGetValue(name, out var values) ? values : [];

    public bool Has(string name, string value) => All(name).Contains(value, StringComparer.Ordinal);

    public IReadOnlyList<string> ErrorsOf(string name) =>
        [.. Errors.Where(e => string.Equals(Key(e.Key), Key(name), StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value)];

    /// <summary>The API writes <c>$.members</c>, <c>Members</c> or <c>members[0]</c> for the same field.</summary>
    public static string Key(string name)
    {
        var key = name.StartsWith("$.", StringComparison.Ordinal) ? name[2..] : name;
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 && !key.Contains('.', StringComparison.Ordinal) ? key[..bracket] : key;
    }
}
