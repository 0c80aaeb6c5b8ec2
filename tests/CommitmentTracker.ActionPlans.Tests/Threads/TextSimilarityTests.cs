using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ActionPlans.Tests.Importing;
using CommitmentTracker.ActionPlans.Threads;

namespace CommitmentTracker.ActionPlans.Tests.Threads;

/// <summary>
/// The similarity scores pairs from prepared word ids (issue 21: words read once per commitment, not once per pair).
/// These tests hold it to the documented definition computed the plain way, from <see cref="TextSimilarity.Words"/>:
/// 0.3 × Dice(title words) + 0.7 × cosine(TF-IDF of title and text), rounded to three decimals.
/// </summary>
public sealed class TextSimilarityTests
{
    [Fact]
    public async Task Every_pair_of_the_real_sample_scores_as_the_plain_definition_does()
    {
        var sheet = await SampleSheet.LoadAsync();
        var rows = sheet.Rows.Select(r => (Title: sheet.Get(r[0], SheetColumns.Title), Text: (string?)sheet.Get(r[0], SheetColumns.FullText))).ToList();
        // Accents, a word no corpus document has, a missing text, and the common-word list.
        rows.Add(("Adopción de estándares de contratación abierta", "Publicar los contratos según el estándar OCDS, zyxwvutsrq incluido"));
        rows.Add(("Open contracting", null));
        var corpus = rows.Take(rows.Count - 1).Select(r => $"{r.Title} {r.Text}").ToList();
        var similarity = new TextSimilarity(corpus);

        foreach (var a in rows)
        {
            var prepared = similarity.Prepare(a.Title, a.Text);
            foreach (var b in rows)
            {
                var expected = PlainScore(corpus, a.Title, a.Text, b.Title, b.Text);
                Assert.Equal(expected, similarity.Score(prepared, similarity.Prepare(b.Title, b.Text)));
                Assert.Equal(expected, similarity.Score(a.Title, a.Text, b.Title, b.Text));
            }
        }
    }

    [Fact]
    public async Task Scoring_a_plan_against_one_earlier_commitment_gives_each_pair_its_own_score()
    {
        var sheet = await SampleSheet.LoadAsync();
        var rows = sheet.Rows.Select(r => (Title: sheet.Get(r[0], SheetColumns.Title), Text: (string?)sheet.Get(r[0], SheetColumns.FullText))).ToList();
        rows.Add(("Open contracting", null));
        var similarity = new TextSimilarity(rows.Select(r => $"{r.Title} {r.Text}"));
        var prepared = rows.Select(r => similarity.Prepare(r.Title, r.Text)).ToArray();
        var scores = new double[prepared.Length];

        foreach (var earlier in prepared)
        {
            similarity.ScoreAgainst(earlier, prepared, scores);
            for (var i = 0; i < prepared.Length; i++)
            {
                // Exactly equal: the same sums in the same order, so no pair can fall on the other side of a threshold.
                Assert.Equal(similarity.Score(prepared[i], earlier), scores[i]);
            }
        }

        Assert.Contains(scores, s => s > 0);
        Assert.Throws<ArgumentException>(() => similarity.ScoreAgainst(prepared[0], prepared, new double[prepared.Length - 1]));
    }

    [Fact]
    public async Task Scoring_on_several_threads_at_once_gives_the_scores_of_one_thread()
    {
        // The linker scores members in parallel on one finished corpus: each thread must spread its documents alone.
        var sheet = await SampleSheet.LoadAsync();
        var rows = sheet.Rows.Select(r => (Title: sheet.Get(r[0], SheetColumns.Title), Text: (string?)sheet.Get(r[0], SheetColumns.FullText))).ToList();
        var similarity = new TextSimilarity(rows.Select(r => $"{r.Title} {r.Text}"));
        var prepared = rows.Select(r => similarity.Prepare(r.Title, r.Text)).ToArray();
        var expected = prepared.Select(earlier =>
        {
            var scores = new double[prepared.Length];
            similarity.ScoreAgainst(earlier, prepared, scores);
            return scores;
        }).ToArray();

        var rounds = Enumerable.Range(0, 40).SelectMany(_ => Enumerable.Range(0, prepared.Length)).ToArray();
        var differing = 0;
        await Parallel.ForAsync(0, rounds.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (k, _) =>
        {
            var scores = new double[prepared.Length];
            similarity.ScoreAgainst(prepared[rounds[k]], prepared, scores);
            if (!scores.SequenceEqual(expected[rounds[k]]))
            {
                Interlocked.Increment(ref differing);
            }

            return ValueTask.CompletedTask;
        });

        Assert.Equal(0, differing);
        Assert.Contains(expected.SelectMany(s => s), s => s is > 0 and < 1);
    }

    /// <summary>The definition as docs/imports.md states it, with nothing prepared or cached.</summary>
    private static double PlainScore(List<string> corpus, string titleA, string? textA, string titleB, string? textB)
    {
        var documents = corpus.Count;
        var frequency = corpus.SelectMany(d => TextSimilarity.Words(d).Distinct(StringComparer.Ordinal)).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        double Idf(string word) => frequency.TryGetValue(word, out var n) ? Math.Log((1.0 + documents) / (1.0 + n)) + 1 : Math.Log(1.0 + documents) + 1;
        Dictionary<string, double> Weights(string text) =>
            TextSimilarity.Words(text).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() * Idf(g.Key), StringComparer.Ordinal);

        var (setA, setB) = (TextSimilarity.Words(titleA).ToHashSet(StringComparer.Ordinal), TextSimilarity.Words(titleB).ToHashSet(StringComparer.Ordinal));
        var dice = setA.Count == 0 || setB.Count == 0 ? 0 : 2.0 * setA.Count(setB.Contains) / (setA.Count + setB.Count);
        var (a, b) = (Weights($"{titleA} {textA}"), Weights($"{titleB} {textB}"));
        var dot = a.Sum(p => p.Value * b.GetValueOrDefault(p.Key));
        var norms = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        var cosine = norms == 0 ? 0 : dot / norms;
        return Math.Round((0.3 * dice) + (0.7 * cosine), 3);
    }
}
