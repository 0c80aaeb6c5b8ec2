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
            // Overlapping matches (e-procurement, procurement) make one mark naming every tag they point to.
            if (i == text.Length || (tagsAt[i] is null) != (tagsAt[runStart] is null))
            {
                var tags = tagsAt[runStart..i].Where(t => t is not null).SelectMany(t => t!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                runs.Add(new TextRun(text[runStart..i], [.. tags]));
                runStart = i;
            }
        }

        return runs;
    }

    /// <summary>
    /// The part of <paramref name="text"/> around the first matched phrase, about <paramref name="radius"/> characters
    /// either side cut at a word boundary, for a list that shows the words in context rather than the whole text.
    /// </summary>
    public static Excerpt Around(string? text, IEnumerable<string> phrases, int radius = 90)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new Excerpt(string.Empty, false, false);
        }

        var compare = CultureInfo.InvariantCulture.CompareInfo;
        var first = -1;
        var firstLength = 0;
        foreach (var phrase in phrases.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var offset = compare.IndexOf(text, phrase, Loose);
            if (offset >= 0 && (first < 0 || offset < first))
            {
                first = offset;
                firstLength = phrase.Length;
            }
        }

        if (first < 0)
        {
            first = 0;
        }

        var start = Math.Max(0, first - radius);
        var end = Math.Min(text.Length, first + firstLength + radius);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return new Excerpt(text[start..end].Trim(), start > 0, end < text.Length);
    }
}

/// <summary>A part of a text; <see cref="CutBefore"/> and <see cref="CutAfter"/> say whether text was left out around it.</summary>
internal sealed record Excerpt(string Text, bool CutBefore, bool CutAfter);
