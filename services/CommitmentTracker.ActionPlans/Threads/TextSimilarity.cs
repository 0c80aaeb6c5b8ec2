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

    private readonly Dictionary<string, int> wordIds;
    private readonly List<double> idfById;
    private readonly double unknownIdf;
    // Scratch for one score: a document's weights spread by word id (zero elsewhere). Not thread-safe, like the class.
    private double[] spread = [];

    /// <summary>A similarity whose word weights come from <paramref name="corpus"/> (each item a document's title and text).</summary>
    public TextSimilarity(IEnumerable<string> corpus)
        : this(Count(corpus))
    {
    }

    private TextSimilarity((Dictionary<string, int> Frequency, int Documents) counted)
    {
        var (frequency, documents) = counted;
        wordIds = new Dictionary<string, int>(frequency.Count, StringComparer.Ordinal);
        idfById = new List<double>(frequency.Count);
        foreach (var (word, count) in frequency)
        {
            wordIds[word] = idfById.Count;
            idfById.Add(Math.Log((1.0 + documents) / (1.0 + count)) + 1);
        }

        unknownIdf = Math.Log(1.0 + documents) + 1;
    }

    /// <summary>As the constructor, reading the corpus as it streams from the database (never all of it in memory).</summary>
    public static async Task<TextSimilarity> FromCorpusAsync(IAsyncEnumerable<string> corpus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var documents = 0;
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var document in corpus.WithCancellation(cancellationToken))
        {
            documents++;
            CountDistinct(document, frequency);
        }

        return new TextSimilarity((frequency, documents));
    }

    /// <summary>The similarity of two commitments by their titles and texts, rounded to three decimals.</summary>
    public double Score(string titleA, string? textA, string titleB, string? textB) =>
        Score(Prepare(titleA, textA), Prepare(titleB, textB));

    /// <summary>
    /// A commitment's words read once, for scoring it against many others (the linker compares each commitment with a
    /// whole plan): its distinct title words and its TF-IDF weights, by word id.
    /// </summary>
    public Document Prepare(string title, string? text)
    {
        var titleWords = Words(title).Select(Id).Distinct().Order().ToArray();
        // Weights in the order of each word's first appearance: the cosine sums in that order, as it always has.
        var counts = new Dictionary<int, int>();
        foreach (var word in Words($"{title} {text}"))
        {
            var id = Id(word);
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var ids = new int[counts.Count];
        var weights = new double[counts.Count];
        var squares = 0.0;
        var i = 0;
        foreach (var (id, count) in counts)
        {
            ids[i] = id;
            weights[i] = count * (id < idfById.Count ? idfById[id] : unknownIdf);
            squares += weights[i] * weights[i];
            i++;
        }

        return new Document(titleWords, ids, weights, Math.Sqrt(squares));
    }

    /// <summary>The similarity of two prepared commitments (<paramref name="a"/> the later one), rounded to three decimals.</summary>
    public double Score(Document a, Document b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var title = Dice(a.TitleWords, b.TitleWords);
        return Math.Round((TitleWeight * title) + (TextWeight * Cosine(a, b)), 3);
    }

    /// <summary>A commitment prepared for scoring: distinct title word ids (sorted), word ids with their weights, the weights' norm.</summary>
    internal sealed record Document(int[] TitleWords, int[] WordIds, double[] Weights, double Norm);

    private static (Dictionary<string, int> Frequency, int Documents) Count(IEnumerable<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var documents = 0;
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in corpus)
        {
            documents++;
            CountDistinct(document, frequency);
        }

        return (frequency, documents);
    }

    private static void CountDistinct(string document, Dictionary<string, int> frequency)
    {
        foreach (var word in Words(document).Distinct(StringComparer.Ordinal))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }
    }

    /// <summary>A word's id; a word the corpus lacks gets a new one (weighted with the unknown-word IDF), the same for every document.</summary>
    private int Id(string word)
    {
        if (!wordIds.TryGetValue(word, out var id))
        {
            id = wordIds.Count;
            wordIds[word] = id;
        }

        return id;
    }

    /// <summary>The words that count: lower case, accents removed, three letters or more, not a common word.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        // Decomposed, accents are marks of their own, skipped below. ASCII text is its own decomposition (the common case).
        var decomposed = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD);
        var stopWords = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffer = new char[Math.Min(decomposed.Length, 256)];
        var length = 0;
        foreach (var c in decomposed)
        {
            if (c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                buffer[length++] = char.ToLowerInvariant(c);
                continue;
            }

            Flush();
        }

        Flush();
        return words;

        void Flush()
        {
            if (length >= 3 && !stopWords.Contains(buffer.AsSpan(0, length)))
            {
                words.Add(new string(buffer, 0, length));
            }

            length = 0;
        }
    }

    private static double Dice(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        // Both sorted and distinct: count the common ids in one pass.
        var common = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            var order = a[i].CompareTo(b[j]);
            common += order == 0 ? 1 : 0;
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        return 2.0 * common / (a.Length + b.Length);
    }

    private double Cosine(Document a, Document b)
    {
        if (spread.Length < wordIds.Count)
        {
            spread = new double[Math.Max(wordIds.Count, spread.Length * 2)];
        }

        for (var i = 0; i < b.WordIds.Length; i++)
        {
            spread[b.WordIds[i]] = b.Weights[i];
        }

        var dot = 0.0;
        for (var i = 0; i < a.WordIds.Length; i++)
        {
            dot += a.Weights[i] * spread[a.WordIds[i]];
        }

        foreach (var id in b.WordIds)
        {
            spread[id] = 0;
        }

        var norms = a.Norm * b.Norm;
        return norms == 0 ? 0 : dot / norms;
    }
}
