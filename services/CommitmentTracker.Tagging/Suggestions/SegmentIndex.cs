using System.Globalization;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// The words of one segment of text (runs of letters and digits), folded as a phrase's pattern compares letters: case
/// and the accents <see cref="PhraseSet"/> ignores. Built once per segment and shared by every rule, it tells cheaply
/// whether a phrase's words are there at all (<see cref="PhraseSet.MayMatch"/>), so a rule's regular expression runs
/// only over the segments where it can match: the same matches, without scanning every segment once per rule.
/// </summary>
internal sealed class SegmentIndex
{
    /// <summary>Every UTF-16 unit folded: lower case of its upper case (so all of a letter's case forms meet), then the accent classes' base letter.</summary>
    private static readonly char[] Folded = BuildFoldTable();

    private readonly HashSet<string> words = new(StringComparer.Ordinal);
    private readonly string[] sorted;

    public SegmentIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> buffer = stackalloc char[128];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsWordChar(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                words.Add(Fold(text.AsSpan(start, i - start), buffer));
                start = -1;
            }
        }

        sorted = [.. words];
        Array.Sort(sorted, StringComparer.Ordinal);
    }

    /// <summary>Whether a word of the segment is exactly <paramref name="folded"/>.</summary>
    public bool HasWord(string folded) => words.Contains(folded);

    /// <summary>Whether a word of the segment starts with <paramref name="folded"/>.</summary>
    public bool HasWordStartingWith(string folded)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(sorted[middle], folded) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < sorted.Length && sorted[low].StartsWith(folded, StringComparison.Ordinal);
    }

    /// <summary>A letter or digit as the phrase patterns' word boundaries see it (<c>[\p{L}\p{N}]</c>).</summary>
    public static bool IsWordChar(char c) => c < 128
        ? char.IsAsciiLetterOrDigit(c)
        : CharUnicodeInfo.GetUnicodeCategory(c) is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>
    /// A letter or digit of a phrase the index can stand for: Latin (but Extended-B), Greek, Cyrillic. For those, every
    /// character a case-insensitive pattern takes for it folds alike (a test checks each against the regex engine's case
    /// table); a phrase's word is looked up only up to its first other character.
    /// </summary>
    public static bool IsIndexable(char c) =>
        IsWordChar(c) && (c < '\u0180' || c is >= '\u0370' and < '\u0530' || c is >= '\u1E00' and < '\u1F00');

    /// <summary>One character of the text, folded.</summary>
    public static char Fold(char c) => Folded[c];

    private static string Fold(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var target = word.Length <= buffer.Length ? buffer[..word.Length] : new char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            target[i] = Folded[word[i]];
        }

        return new string(target);
    }

    private static char[] BuildFoldTable()
    {
        var accents = new Dictionary<char, char>();
        foreach (var (plain, letters) in PhraseSet.AccentFolds)
        {
            foreach (var letter in letters)
            {
                accents[char.ToLowerInvariant(char.ToUpperInvariant(letter))] = plain;
            }
        }

        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var folded = char.ToLowerInvariant(char.ToUpperInvariant((char)c));
            table[c] = accents.TryGetValue(folded, out var plain) ? plain : folded;
        }

        return table;
    }
}
