using System.Globalization;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>The wording the assessment's sentences share: counted nouns, lists and days.</summary>
internal static class Phrases
{
    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string List(IEnumerable<string> items) => string.Join(", ", items);

    /// <summary>Items joined as a sentence does: <c>A</c>, <c>A and B</c>, <c>A, B and C</c>.</summary>
    public static string And(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join(string.Empty, items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
