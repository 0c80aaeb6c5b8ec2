using System.Globalization;

namespace CommitmentTracker.Web.Components;

/// <summary>One run of a text: plain, or words a suggestion rule matched (with the tags it suggested).</summary>
internal sealed record TextRun(string Text, IReadOnlyList<string> Tags)
{
    public bool Matched => Tags.Count > 0;
}

/// <summary>
/// Splits a commitment's text into runs so the words behind each suggestion can be marked. The text is shown as written;
/// matching ignores case and accents, as the rules do.
/// </summary>
internal static class Highlighter
{
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    public static IReadOnlyList<TextRun> Runs(string? text, IEnumerable<(string Phrase, string Tag)> matches)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var compare = CultureInfo.InvariantCulture.CompareInfo;
        var tagsAt = new List<string>?[text.Length];
        foreach (var (phrase, tag) in matches.Where(m => !string.IsNullOrWhiteSpace(m.Phrase)))
        {
            for (var start = 0; start < text.Length;)
            {
                var offset = compare.IndexOf(text.AsSpan(start), phrase.AsSpan(), Loose, out var length);
                if (offset < 0 || length == 0)
                {
                    break;
                }

                var found = start + offset;

                for (var i = found; i < found + length; i++)
                {
                    (tagsAt[i] ??= []).Add(tag);
                }

                start = found + length;
            }
        }

        var runs = new List<TextRun>();
        var runStart = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || !SameTags(tagsAt[i], tagsAt[runStart]))
            {
                runs.Add(new TextRun(text[runStart..i], [.. (tagsAt[runStart] ?? []).Distinct(StringComparer.Ordinal)]));
                runStart = i;
            }
        }

        return runs;
    }

    private static bool SameTags(List<string>? a, List<string>? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.Distinct().Order(StringComparer.Ordinal).SequenceEqual(b.Distinct().Order(StringComparer.Ordinal)));
}
