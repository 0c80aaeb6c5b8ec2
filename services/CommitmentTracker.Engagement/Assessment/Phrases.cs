using System.Globalization;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>The wording the assessment's sentences share: counted nouns, lists and days.</summary>
internal static class Phrases
{
    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string List(IEnumerable<string> items) => string.Join(", ", items);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
