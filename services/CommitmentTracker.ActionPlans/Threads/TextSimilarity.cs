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

    // Every word seen, by id: the corpus's first (ids below corpusWords, with their IDF), then any other a document has.
    // Words are looked up as spans, so a word becomes a string once, not once per occurrence.
    private readonly Dictionary<string, int> wordIds = new(StringComparer.Ordinal);
    private readonly List<int> documentFrequency = [];
    private readonly List<int> lastDocument = [];
    private readonly List<int> scratchIds = [];
    private readonly List<int> scratchDistinct = [];
    // Scratch for Prepare: occurrences by word id (zero between calls).
    private int[] wordCounts = [];
    private double[] idfById = [];
    private int corpusWords;
    private int documents;
    private double unknownIdf;
    // Scratch for one score: a document's weights spread by word id (zero elsewhere). Not thread-safe, like the class.
    private double[] spread = [];
    private bool finished;

    /// <summary>A similarity whose word weights come from <paramref name="corpus"/> (each item a document's title and text).</summary>
    public TextSimilarity(IEnumerable<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        foreach (var document in corpus)
        {
            CountDocument(document);
        }

        FinishCorpus();
    }

    private TextSimilarity()
    {
    }

    /// <summary>
    /// A similarity whose corpus is counted document by document (<see cref="Count"/>, as it streams from the database)
    /// and then finished (<see cref="FinishCorpus"/>) before anything is prepared or scored.
    /// </summary>
    public static TextSimilarity StartCorpus() => new();

    /// <summary>
    /// One more corpus document, its title and text read once: its distinct words count towards their document
    /// frequencies. With <paramref name="keep"/>, its word counts are returned, to be prepared (<see cref="Prepare(Counted)"/>)
    /// once the corpus is finished without reading the text again.
    /// </summary>
    public Counted? Count(string? title, string? text, bool keep)
    {
        if (finished)
        {
            throw new InvalidOperationException("The corpus is finished: nothing more can be counted.");
        }

        documents++;
        var titleCount = ReadTitleAndText(title, text);
        foreach (var id in scratchIds)
        {
            if (lastDocument[id] != documents)
            {
                lastDocument[id] = documents;
                documentFrequency[id]++;
            }
        }

        return keep ? Tally(titleCount) : null;
    }

    /// <summary>One more corpus document: each distinct word of it counts once towards that word's document frequency.</summary>
    private void CountDocument(string? document)
    {
        documents++;
        scratchIds.Clear();
        ReadIds(document, scratchIds);
        foreach (var id in scratchIds)
        {
            if (lastDocument[id] != documents)
            {
                lastDocument[id] = documents;
                documentFrequency[id]++;
            }
        }
    }

    /// <summary>Fixes the words' weights from the documents counted; after this, documents are prepared and scored.</summary>
    public void FinishCorpus()
    {
        finished = true;
        corpusWords = wordIds.Count;
        idfById = new double[corpusWords];
        for (var id = 0; id < corpusWords; id++)
        {
            idfById[id] = Math.Log((1.0 + documents) / (1.0 + documentFrequency[id])) + 1;
        }

        unknownIdf = Math.Log(1.0 + documents) + 1;
    }

    /// <summary>The similarity of two commitments by their titles and texts, rounded to three decimals.</summary>
    public double Score(string titleA, string? textA, string titleB, string? textB) =>
        Score(Prepare(titleA, textA), Prepare(titleB, textB));

    /// <summary>
    /// A commitment's words read once, for scoring it against many others (the linker compares each commitment with a
    /// whole plan): its distinct title words and its TF-IDF weights, by word id.
    /// </summary>
    public Document Prepare(string title, string? text) => Prepare(Tally(ReadTitleAndText(title, text)));

    /// <summary>A document counted into the corpus (<see cref="Count"/>), prepared for scoring.</summary>
    public Document Prepare(Counted counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        // Weights in the order of each word's first appearance: the cosine sums in that order, as it always has.
        var ids = counted.WordIds;
        var weights = new double[ids.Length];
        var squares = 0.0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            weights[i] = counted.Counts[i] * (id < corpusWords ? idfById[id] : unknownIdf);
            squares += weights[i] * weights[i];
        }

        return new Document(counted.TitleWords, ids, weights, Math.Sqrt(squares));
    }

    /// <summary>Reads the title's word ids then the text's into the scratch list; returns how many are the title's.</summary>
    private int ReadTitleAndText(string? title, string? text)
    {
        scratchIds.Clear();
        ReadIds(title, scratchIds);
        var titleCount = scratchIds.Count;
        // "title text" reads as the title's words then the text's: the space between them ends a word either way.
        ReadIds(text, scratchIds);
        return titleCount;
    }

    /// <summary>The scratch list's distinct title words (sorted), and its distinct words in order of first appearance with their counts.</summary>
    private Counted Tally(int titleCount)
    {
        if (wordCounts.Length < wordIds.Count)
        {
            wordCounts = new int[Math.Max(wordIds.Count, wordCounts.Length * 2)];
        }

        // Counted in an array by word id (zero between calls).
        var distinct = scratchDistinct;
        distinct.Clear();
        for (var k = 0; k < titleCount; k++)
        {
            if (wordCounts[scratchIds[k]]++ == 0)
            {
                distinct.Add(scratchIds[k]);
            }
        }

        var titleWords = distinct.ToArray();
        Array.Sort(titleWords);
        foreach (var id in distinct)
        {
            wordCounts[id] = 0;
        }

        distinct.Clear();
        foreach (var id in scratchIds)
        {
            if (wordCounts[id]++ == 0)
            {
                distinct.Add(id);
            }
        }

        var ids = distinct.ToArray();
        var counts = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            counts[i] = wordCounts[ids[i]];
            wordCounts[ids[i]] = 0;
        }

        return new Counted(titleWords, ids, counts);
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

    /// <summary>A document's words as counted: distinct title word ids (sorted), distinct word ids in order of first appearance, and how often each occurs.</summary>
    internal sealed record Counted(int[] TitleWords, int[] WordIds, int[] Counts);

    /// <summary>The ids of <paramref name="text"/>'s words (as <see cref="Words"/> reads them), appended to <paramref name="ids"/>; a new word gets the next id.</summary>
    private void ReadIds(string? text, List<int> ids)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var known = wordIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var stopWords = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var decomposed = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD);
        Span<char> buffer = stackalloc char[128];
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
                    var larger = new char[buffer.Length * 2];
                    buffer.CopyTo(larger);
                    buffer = larger;
                }

                buffer[length++] = char.ToLowerInvariant(c);
                continue;
            }

            Add(buffer[..length]);
            length = 0;
        }

        Add(buffer[..length]);

        void Add(ReadOnlySpan<char> word)
        {
            if (word.Length < 3 || stopWords.Contains(word))
            {
                return;
            }

            if (!known.TryGetValue(word, out var id))
            {
                id = wordIds.Count;
                wordIds.Add(word.ToString(), id);
                documentFrequency.Add(0);
                lastDocument.Add(0);
            }

            ids.Add(id);
        }
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
