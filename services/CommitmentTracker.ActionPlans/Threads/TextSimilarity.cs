using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace CommitmentTracker.ActionPlans.Threads;

/// <summary>
/// How alike two commitments' words are, 0–1: <c>0.3 × Dice(title words) + 0.7 × cosine(TF-IDF of title and full
/// text)</c>. Words are lower case without accents, at least three letters, common English, Spanish and French words
/// left out. The IDF comes from a corpus (every commitment the service holds), so the words every procurement
/// commitment shares ("public", "procurement", "transparency") weigh less than the ones that name a reform.
/// Reading text (counting the corpus, preparing a title and text) is one thread's work; once the corpus is finished,
/// documents it counted are prepared and scored on any number of threads at once.
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
    // Words are looked up as spans, so a word becomes a string once, not once per occurrence. The common words are in it
    // too, as NotAWord: one look-up per word read, not a second one in StopWords.
    private const int NotAWord = -1;
    private readonly Dictionary<string, int> wordIds = StopWords.ToDictionary(w => w, _ => NotAWord, StringComparer.Ordinal);
    private readonly List<int> documentFrequency = [];
    private readonly List<int> lastDocument = [];
    private readonly List<int> scratchIds = [];
    private readonly List<int> scratchDistinct = [];
    // Scratch for Prepare: occurrences by word id (zero between calls).
    private int[] wordCounts = [];
    // Word counts kept by Count (see Keep): 4 MB blocks, filled one after the other.
    private const int KeptBlockInts = 1 << 20;
    private readonly List<int[]> keptWords = [];
    private int keptUsed;
    private double[] idfById = [];
    private int corpusWords;
    private int documents;
    private double unknownIdf;
    // Scratch for one score: a document's weights spread by word id (zero elsewhere), taken from here and given back
    // zeroed, so each thread scoring at once has its own (the linker scores members in parallel).
    private readonly ConcurrentBag<double[]> spreads = [];
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

    /// <summary>How many words have an id (common words have none).</summary>
    private int WordCount => documentFrequency.Count;

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

        if (!keep)
        {
            return null;
        }

        var (titleWords, ids, counts) = Tally(titleCount);
        return Keep(titleWords, ids, counts);
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
        corpusWords = WordCount;
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
    public Document Prepare(string title, string? text)
    {
        var (titleWords, ids, counts) = Tally(ReadTitleAndText(title, text));
        return Prepare(titleWords, ids, counts);
    }

    /// <summary>A document counted into the corpus (<see cref="Count"/>), prepared for scoring.</summary>
    public Document Prepare(Counted counted)
    {
        var kept = keptWords[counted.Block].AsSpan(counted.Start);
        return Prepare(kept[..counted.TitleWords].ToArray(), kept.Slice(counted.TitleWords, counted.Words).ToArray(), kept.Slice(counted.TitleWords + counted.Words, counted.Words));
    }

    private Document Prepare(int[] titleWords, int[] ids, ReadOnlySpan<int> counts)
    {
        // Weights in the order of each word's first appearance: the cosine sums in that order, as it always has.
        var weights = new double[ids.Length];
        var squares = 0.0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            weights[i] = counts[i] * (id < corpusWords ? idfById[id] : unknownIdf);
            squares += weights[i] * weights[i];
        }

        return new Document(titleWords, ids, weights, Math.Sqrt(squares));
    }

    /// <summary>
    /// Keeps a document's counts in large shared blocks: thousands of commitments' counts, kept until the corpus is
    /// complete, would otherwise be thousands of small arrays for the GC to promote and copy; a block holds no
    /// references and (on the large object heap) is not copied.
    /// </summary>
    private Counted Keep(int[] titleWords, int[] ids, int[] counts)
    {
        var length = titleWords.Length + (2 * ids.Length);
        if (keptWords.Count == 0 || keptUsed + length > keptWords[^1].Length)
        {
            keptWords.Add(new int[Math.Max(KeptBlockInts, length)]);
            keptUsed = 0;
        }

        var block = keptWords[^1].AsSpan(keptUsed);
        titleWords.CopyTo(block);
        ids.CopyTo(block[titleWords.Length..]);
        counts.CopyTo(block[(titleWords.Length + ids.Length)..]);
        var counted = new Counted(keptWords.Count - 1, keptUsed, titleWords.Length, ids.Length);
        keptUsed += length;
        return counted;
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
    private (int[] TitleWords, int[] WordIds, int[] Counts) Tally(int titleCount)
    {
        if (wordCounts.Length < WordCount)
        {
            wordCounts = new int[Math.Max(WordCount, wordCounts.Length * 2)];
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

        return (titleWords, ids, counts);
    }

    /// <summary>The similarity of two prepared commitments (<paramref name="a"/> the later one), rounded to three decimals.</summary>
    public double Score(Document a, Document b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var spread = Spread(b);
        var score = Combine(a, b, spread);
        Unspread(b, spread);
        return score;
    }

    /// <summary>
    /// <see cref="Score(Document, Document)"/> of each of <paramref name="laters"/> against one earlier commitment, into
    /// <paramref name="scores"/>. The linker scores a plan against each commitment of the previous one: spreading the
    /// earlier one's weights once for the whole plan, not once per pair, makes the same sums in the same order.
    /// </summary>
    public void ScoreAgainst(Document earlier, IReadOnlyList<Document> laters, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(laters);
        if (scores.Length < laters.Count)
        {
            throw new ArgumentException("There must be a score for each later document.", nameof(scores));
        }

        var spread = Spread(earlier);
        for (var i = 0; i < laters.Count; i++)
        {
            scores[i] = Combine(laters[i], earlier, spread);
        }

        Unspread(earlier, spread);
    }

    /// <summary>A commitment prepared for scoring: distinct title word ids (sorted), word ids with their weights, the weights' norm.</summary>
    internal sealed record Document(int[] TitleWords, int[] WordIds, double[] Weights, double Norm);

    /// <summary>
    /// A document's words as counted and kept (<see cref="Count"/>): at <see cref="Start"/> of a kept block, its distinct
    /// title word ids (sorted), then its distinct word ids in order of first appearance, then how often each occurs.
    /// </summary>
    internal readonly record struct Counted(int Block, int Start, int TitleWords, int Words);

    /// <summary>The ids of <paramref name="text"/>'s words (as <see cref="Words"/> reads them), appended to <paramref name="ids"/>; a new word gets the next id.</summary>
    private void ReadIds(string? text, List<int> ids)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var known = wordIds.GetAlternateLookup<ReadOnlySpan<char>>();
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
            if (word.Length < 3)
            {
                return;
            }

            if (!known.TryGetValue(word, out var id))
            {
                id = WordCount;
                wordIds.Add(word.ToString(), id);
                documentFrequency.Add(0);
                lastDocument.Add(0);
            }

            if (id != NotAWord)
            {
                ids.Add(id);
            }
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

    /// <summary>The rounded score of <paramref name="a"/> against <paramref name="b"/>, whose weights are spread.</summary>
    private static double Combine(Document a, Document b, double[] spread)
    {
        var title = Dice(a.TitleWords, b.TitleWords);
        return Math.Round((TitleWeight * title) + (TextWeight * Cosine(a, b, spread)), 3);
    }

    /// <summary>The cosine of <paramref name="a"/> and <paramref name="b"/>, whose weights are spread: summed over a's words, in their order.</summary>
    private static double Cosine(Document a, Document b, double[] spread)
    {
        var dot = 0.0;
        for (var i = 0; i < a.WordIds.Length; i++)
        {
            dot += a.Weights[i] * spread[a.WordIds[i]];
        }

        var norms = a.Norm * b.Norm;
        return norms == 0 ? 0 : dot / norms;
    }

    /// <summary>A scratch array (zero everywhere) with <paramref name="document"/>'s weights put in it, by word id.</summary>
    private double[] Spread(Document document)
    {
        // A word read after the array was made (a document prepared from new text) has a higher id: such an array is left.
        if (!spreads.TryTake(out var spread) || spread.Length < WordCount)
        {
            spread = new double[WordCount];
        }

        for (var i = 0; i < document.WordIds.Length; i++)
        {
            spread[document.WordIds[i]] = document.Weights[i];
        }

        return spread;
    }

    /// <summary>Zeroes <paramref name="document"/>'s weights in <paramref name="spread"/> and gives it back.</summary>
    private void Unspread(Document document, double[] spread)
    {
        foreach (var id in document.WordIds)
        {
            spread[id] = 0;
        }

        spreads.Add(spread);
    }
}
