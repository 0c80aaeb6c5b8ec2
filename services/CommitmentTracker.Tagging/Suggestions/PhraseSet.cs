using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// A list of phrases compiled into one regular expression: whole words, case and accent insensitive (<c>licitacion</c>
/// matches <c>licitación</c>), any whitespace between words, an optional hyphen, both apostrophes; a trailing <c>*</c>
/// matches any word ending.
/// </summary>
internal sealed partial class PhraseSet
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<char, string> AccentClasses = new()
    {
        ['a'] = "[aáàâãäå]", ['e'] = "[eéèêë]", ['i'] = "[iíìîï]", ['o'] = "[oóòôõö]", ['u'] = "[uúùûü]",
        ['c'] = "[cç]", ['n'] = "[nñ]", ['е'] = "[её]",
    };

    private readonly Regex regex;

    /// <summary>For each phrase, the words a segment must have for it to match there; null when some phrase cannot be told by its words.</summary>
    private readonly WordNeed[][]? needs;

    private PhraseSet(Regex regex, WordNeed[][]? needs)
    {
        this.regex = regex;
        this.needs = needs;
    }

    /// <summary>The base letter of each accent class and the letters it stands for (<see cref="SegmentIndex"/> folds text by them).</summary>
    internal static IEnumerable<(char Plain, string Letters)> AccentFolds =>
        AccentClasses.Select(c => (c.Key, c.Value.Trim('[', ']')));

    /// <summary>The set, or null when there is no phrase.</summary>
    public static PhraseSet? Create(IReadOnlyCollection<string> phrases)
    {
        if (phrases.Count == 0)
        {
            return null;
        }

        var pattern = $"(?<![\\p{{L}}\\p{{N}}])(?:{string.Join('|', phrases.OrderByDescending(p => p.Length).Select(ToPattern))})(?![\\p{{L}}\\p{{N}}])";
        var needs = phrases.Select(Needs).ToArray();
        return new PhraseSet(
            new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout),
            needs.Any(n => n.Length == 0) ? null : needs);
    }

    /// <summary>
    /// Whether some phrase may match in the segment <paramref name="index"/> describes. False only when no phrase can:
    /// each word of a match stands alone between non-letters (the pattern's boundaries and <c>\s+</c>), so it is a word of
    /// the segment, equal to the phrase's word folded, or starting with its letters up to a <c>*</c>, <c>-</c>, other
    /// non-letter or letter the index cannot stand for (<see cref="SegmentIndex.IsIndexable"/>).
    /// </summary>
    public bool MayMatch(SegmentIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (needs is null)
        {
            return true;
        }

        foreach (var phrase in needs)
        {
            var all = true;
            foreach (var need in phrase)
            {
                if (!(need.Whole ? index.HasWord(need.Folded) : index.HasWordStartingWith(need.Folded)))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word a segment must have: exactly <see cref="Folded"/>, or (not <see cref="Whole"/>) a word starting with it.</summary>
    private readonly record struct WordNeed(string Folded, bool Whole);

    /// <summary>What a phrase's words need of a segment (<see cref="ToPattern"/>'s reading of the phrase); none when no word can be told.</summary>
    private static WordNeed[] Needs(string phrase)
    {
        var needs = new List<WordNeed>();
        foreach (var word in phrase.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = word.ToLowerInvariant();
            var letters = 0;
            while (letters < lower.Length && SegmentIndex.IsIndexable(lower[letters]))
            {
                letters++;
            }

            if (letters > 0)
            {
                needs.Add(new WordNeed(string.Concat(lower[..letters].Select(FoldPhraseChar)), Whole: letters == lower.Length));
            }
        }

        return [.. needs];
    }

    /// <summary>A (lower-case) letter of a phrase folded as its pattern reads it: an accent class's base letter, else the text's fold.</summary>
    internal static char FoldPhraseChar(char ch)
    {
        var plain = ch.ToString().Normalize(NormalizationForm.FormD)[0];
        return AccentClasses.ContainsKey(plain) ? plain : SegmentIndex.Fold(ch);
    }

    public IEnumerable<Match> Matches(string text) => regex.Matches(text);

    public IEnumerable<Match> Matches(string text, int start, int end)
    {
        for (var match = regex.Match(text, start, end - start); match.Success; match = match.NextMatch())
        {
            yield return match;
        }
    }

    /// <summary>The reason a phrase cannot be a rule, or null when it can.</summary>
    public static string? Validate(string phrase)
    {
        if (string.IsNullOrWhiteSpace(phrase) || phrase.Length > 200)
        {
            return "Every phrase must have 1 to 200 characters.";
        }

        return phrase.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.Contains('*', StringComparison.Ordinal) && (w == "*" || w.IndexOf('*', StringComparison.Ordinal) < w.Length - 1))
            ? $"'{phrase}': '*' is only allowed at the end of a word (after at least one letter)."
            : null;
    }

    /// <summary>Words separated by any whitespace; accented and plain letters alike; '-' optional; '*' any word ending.</summary>
    internal static string ToPattern(string phrase)
    {
        var pattern = new StringBuilder();
        var words = phrase.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                pattern.Append(@"\s+");
            }

            foreach (var ch in words[w].ToLowerInvariant())
            {
                if (ch == '*')
                {
                    pattern.Append(@"[\p{L}\p{N}]*");
                }
                else if (ch == '-')
                {
                    pattern.Append(@"[-‐\s]?");
                }
                else if (ch is '\'' or '’')
                {
                    pattern.Append("['’]");
                }
                else
                {
                    var plain = ch.ToString().Normalize(NormalizationForm.FormD)[0];
                    pattern.Append(AccentClasses.TryGetValue(plain, out var cls) ? cls : Regex.Escape(ch.ToString()));
                }
            }
        }

        return pattern.ToString();
    }

    /// <summary>The words as written, whitespace folded to one space.</summary>
    public static string Words(string matched) => Whitespace().Replace(matched, " ");

    internal static string Describe(double confidence) => confidence.ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>
/// One segment of text as a list of words and sentences, to tell how far apart two matches stand: the number of words
/// between them, and whether they share a sentence (sentences end at <c>. ! ? ;</c> before a space, a line break, a
/// table bar, a bullet or a tab).
/// </summary>
internal sealed partial class SegmentWords
{
    private readonly string text;
    private readonly List<(int Start, int End)> words = [];
    private readonly List<(int Start, int End)> sentences = [];

    public SegmentWords(string text)
    {
        this.text = text;
        foreach (Match word in Word().Matches(text))
        {
            words.Add((word.Index, word.Index + word.Length));
        }

        var start = 0;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            sentences.Add((start, end.Index + end.Length));
            start = end.Index + end.Length;
        }

        sentences.Add((start, text.Length));
    }

    /// <summary>Whether a match of <paramref name="context"/> stands within <paramref name="window"/> words of [start, end) in the same sentence.</summary>
    public bool Near(int start, int end, PhraseSet? context, int window)
    {
        if (context is null)
        {
            return false;
        }

        var sentence = sentences.First(s => start >= s.Start && (start < s.End || s == sentences[^1]));
        var (first, last) = (WordAt(start), WordAt(end - 1));
        foreach (var match in context.Matches(text, sentence.Start, sentence.End))
        {
            var (otherFirst, otherLast) = (WordAt(match.Index), WordAt(match.Index + match.Length - 1));
            var between = otherLast < first ? first - otherLast - 1 : otherFirst > last ? otherFirst - last - 1 : 0;
            if (between <= window)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first word that ends after <paramref name="position"/>.</summary>
    private int WordAt(int position)
    {
        var (low, high) = (0, words.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (words[middle].End <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[.!?;](?=\s|$)|\n|\||•|\t")]
    private static partial Regex SentenceEnd();
}
