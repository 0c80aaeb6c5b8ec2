using System.Text.RegularExpressions;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// The word index that skips a rule's regular expression where its phrases cannot match (<see cref="PhraseSet.MayMatch"/>)
/// must never skip a segment the expression would match in: suggestions stay exactly what the patterns alone give.
/// </summary>
public sealed class PhrasePrefilterTests
{
    /// <summary>Every UTF-16 unit that is not a surrogate, once.</summary>
    private static readonly string AllCharacters = new([.. Enumerable.Range(1, char.MaxValue).Select(c => (char)c).Where(c => !char.IsSurrogate(c))]);

    [Fact]
    public void Every_character_a_phrase_letter_matches_is_a_letter_folded_as_the_index_folds_it()
    {
        // Every letter and digit a phrase's word is looked up by.
        var letters = Enumerable.Range(1, char.MaxValue).Select(c => (char)c).Select(char.ToLowerInvariant).Where(SegmentIndex.IsIndexable).Distinct().ToList();
        var wrong = new List<string>();
        foreach (var letter in letters)
        {
            var pattern = new Regex(PhraseSet.ToPattern(letter.ToString()), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            var folded = PhraseSet.FoldPhraseChar(letter);
            foreach (Match match in pattern.Matches(AllCharacters))
            {
                var found = match.Value[0];
                if (match.Length != 1 || !SegmentIndex.IsWordChar(found) || SegmentIndex.Fold(found) != folded)
                {
                    wrong.Add($"'{letter}' (U+{(int)letter:X4}) matches '{match.Value}' (U+{(int)found:X4}), folded '{SegmentIndex.Fold(found)}' not '{folded}'");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(letters.Count > 400, $"only {letters.Count} letters tried");
        Assert.All(RuleSeed.Rules.SelectMany(r => r.PhraseList.Concat(r.RequiresList).Concat(r.ExcludesList)).SelectMany(p => p).Where(SegmentIndex.IsWordChar),
            letter => Assert.True(SegmentIndex.IsIndexable(letter), $"the seeded phrases' '{letter}' is not indexed"));
    }

    [Fact]
    public void No_segment_a_seeded_phrase_set_matches_in_is_skipped_and_most_others_are()
    {
        var sets = RuleSeed.Rules.SelectMany(r => new[] { r.PhraseList, r.RequiresList, r.ExcludesList }).Select(PhraseSet.Create).OfType<PhraseSet>().ToList();
        var segments = SampleSheet.Rows.SelectMany(r => TextParts.Split(new CommitmentText(r.Title, r.FullText, r.PolicyAreas, r.LeadInstitution, r.SupportingInstitutions, r.Theme)))
            .Select(s => s.Text).Where(t => t.Length > 0).ToList();
        var (matched, skipped, missed) = (0, 0, new List<string>());
        foreach (var segment in segments)
        {
            var index = new SegmentIndex(segment);
            foreach (var set in sets)
            {
                var matches = set.Matches(segment).Any();
                var may = set.MayMatch(index);
                matched += matches ? 1 : 0;
                skipped += may ? 0 : 1;
                if (matches && !may)
                {
                    missed.Add($"{set.Matches(segment).First().Value} in \"{segment[..Math.Min(80, segment.Length)]}…\"");
                }
            }
        }

        Assert.Empty(missed);
        Assert.True(matched > 50, $"only {matched} matches: the sample does not exercise the index");
        Assert.True(skipped > (segments.Count * sets.Count - matched) / 2, $"{skipped} of {segments.Count * sets.Count} skipped");
    }

    [Theory]
    [InlineData("licitación*", "Las LICITACIONES públicas", true)]
    [InlineData("licitación*", "Las licitudes públicas", false)]
    [InlineData("marchés publics", "Les MARCHES   publics", true)]
    [InlineData("marchés publics", "Les marchés privés", false)]
    [InlineData("e-procurement", "an eprocurement portal", true)]
    [InlineData("appel* d'offres", "des appels d’offres", true)]
    [InlineData("закупк*", "Прозрачность ЗАКУПКАХ", true)]
    [InlineData("закупки", "перезакупки", false)]
    [InlineData("open data", "opening data", false)]
    [InlineData("ёлка", "ЕЛКА", true)]
    public void The_index_tells_a_segment_that_may_match_from_one_that_cannot(string phrase, string text, bool may)
    {
        var set = PhraseSet.Create([phrase])!;

        Assert.Equal(may, set.MayMatch(new SegmentIndex(text)));
        Assert.True(may || !set.Matches(text).Any());
    }

    [Fact]
    public void A_phrase_without_a_leading_letter_is_always_run()
    {
        var set = PhraseSet.Create(["(ogp)", "procurement"])!;

        Assert.True(set.MayMatch(new SegmentIndex("nothing here")));
    }
}
