namespace CommitmentTracker.Persistence;

/// <summary>A list kept in one text column, one entry a line: order kept, no empty entries, no duplicates added.</summary>
public static class StoredLines
{
    public static string Join(IEnumerable<string> values) => string.Join('\n', values.Where(v => v.Length > 0));

    public static IReadOnlyList<string> Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? [] : value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The list with <paramref name="item"/> at the end, unless it holds it already.</summary>
    public static string Add(string value, string item) => Split(value).Contains(item, StringComparer.Ordinal) ? value : Join([.. Split(value), item]);
}
