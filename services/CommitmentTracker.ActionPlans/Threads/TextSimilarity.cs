using System.Globalization;
using System.Text;

namespace CommitmentTracker.ActionPlans.Threads;

/// <summary>
/// How alike two commitments' words are, 0–1: <c>0.3 × Dice(title words) + 0.7 × cosine(TF-IDF of title and full
/// text)</c>. Words are lower case without accents, at least three letters, common English, Spanish and French words
/// left out. The IDF comes from a corpus (every commitment the service holds), so the words every procurement
/// commitment shares ("public", "procurement", "transparency") weigh less than the ones that name a reform.
/// </summary>
internal sealed class TextSimilarity
{
    private const double TitleWeight = 0.3;
    private const double TextWeight = 0.7;

    private static readonly HashSet<string> StopWords = new(
        ("the and for with from that this will are its their into has have been was were which also more other such all any can not but our out per via " +
         "des les une del los las por para con que une sur par est sont dans pour pas plus qui").Split(' '),
        StringComparer.Ordinal);

    private readonly Dictionary<string, double> idf;
    private readonly double unknownIdf;

    /// <summary>A similarity whose word weights come from <paramref name="corpus"/> (each item a document's title and text).</summary>
    public TextSimilarity(IEnumerable<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var documents = 0;
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in corpus)
        {
            documents++;
            foreach (var word in Words(document).Distinct(StringComparer.Ordinal))
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }

        idf = frequency.ToDictionary(p => p.Key, p => Math.Log((1.0 + documents) / (1.0 + p.Value)) + 1, StringComparer.Ordinal);
        unknownIdf = Math.Log(1.0 + documents) + 1;
    }

    /// <summary>The similarity of two commitments by their titles and texts, rounded to three decimals.</summary>
    public double Score(string titleA, string? textA, string titleB, string? textB)
    {
        var title = Dice(Words(titleA), Words(titleB));
        var text = Cosine(Weights(Words($"{titleA} {textA}")), Weights(Words($"{titleB} {textB}")));
        return Math.Round((TitleWeight * title) + (TextWeight * text), 3);
    }

    /// <summary>The words that count: lower case, accents removed, three letters or more, not a common word.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush();
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length >= 3 && !StopWords.Contains(current.ToString()))
            {
                words.Add(current.ToString());
            }

            current.Clear();
        }
    }

    private Dictionary<string, double> Weights(List<string> words) =>
        words.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() * idf.GetValueOrDefault(g.Key, unknownIdf), StringComparer.Ordinal);

    private static double Dice(List<string> a, List<string> b)
    {
        var (setA, setB) = (a.ToHashSet(StringComparer.Ordinal), b.ToHashSet(StringComparer.Ordinal));
        return setA.Count == 0 || setB.Count == 0 ? 0 : 2.0 * setA.Count(setB.Contains) / (setA.Count + setB.Count);
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        var dot = a.Sum(p => p.Value * b.GetValueOrDefault(p.Key));
        var norms = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norms == 0 ? 0 : dot / norms;
    }
}
