using CommitmentTracker.Persistence;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>Phrase matching: whole words, case and accent insensitive, trailing wildcard; confidence combination.</summary>
public sealed class SuggestionEngineTests
{
    private static SuggestionRule Rule(string id, string tag, double confidence, params string[] phrases) =>
        new() { Id = id, TagId = tag, Kind = RuleKind.Phrase, Phrases = StoredLines.Join(phrases), Confidence = confidence };

    [Theory]
    [InlineData("licitación*", "Las licitaciones públicas", "licitaciones")]
    [InlineData("licitación*", "LICITACION abierta", "LICITACION")]
    [InlineData("marchés publics", "Les marches  publics", "marches publics")]
    [InlineData("закупк*", "Прозрачность закупках", "закупках")]
    [InlineData("e-procurement", "an eprocurement portal", "eprocurement")]
    [InlineData("appel* d'offres", "des appels d’offres", "appels d’offres")]
    public void Phrases_match_whole_words_ignoring_case_accents_and_spacing(string phrase, string text, string matched)
    {
        var engine = new SuggestionEngine([Rule("r", "public-procurement", 0.7, phrase)]);

        var suggestion = Assert.Single(engine.Suggest(new CommitmentText(text, null, [])));

        Assert.Equal(matched, Assert.Single(suggestion.Evidence).MatchedText);
    }

    [Theory]
    [InlineData("procurement", "procurements")]
    [InlineData("OCDS", "OCDSX")]
    [InlineData("закупки", "перезакупки")]
    public void Parts_of_words_do_not_match(string phrase, string text)
    {
        Assert.Empty(new SuggestionEngine([Rule("r", "public-procurement", 0.7, phrase)]).Suggest(new CommitmentText(text, null, [])));
    }

    [Fact]
    public void Confidences_of_several_rules_combine_and_disabled_rules_are_ignored()
    {
        var disabled = Rule("off", "public-procurement", 0.9, "tender");
        disabled.Enabled = false;
        var engine = new SuggestionEngine([Rule("a", "public-procurement", 0.7, "procurement"), Rule("b", "public-procurement", 0.5, "tender"), disabled]);

        var suggestion = Assert.Single(engine.Suggest(new CommitmentText("Procurement", "A tender.", [])));

        Assert.Equal(0.85, suggestion.Confidence);
        Assert.Equal(["a", "b"], suggestion.Evidence.Select(e => e.Rule));
        Assert.Equal(["title", "fullText"], suggestion.Evidence.Select(e => e.Field));
    }

    [Fact]
    public void Policy_area_mappings_match_OGP_flags_by_name()
    {
        var engine = new SuggestionEngine([], PolicyAreaMapping.Seed);

        var suggestions = engine.Suggest(new CommitmentText("Anything", null, ["Open Contracting", "Beneficial Ownership"]));

        Assert.Equal(["open-contracting", "beneficial-ownership"], suggestions.Select(s => s.Tag));
        Assert.Equal(("flag-open-contracting", "policyAreas", "Open Contracting"), (suggestions[0].Evidence[0].Rule, suggestions[0].Evidence[0].Field, suggestions[0].Evidence[0].MatchedText));
    }

    [Theory]
    [InlineData("procure*", null)]
    [InlineData("*", "'*': '*' is only allowed at the end of a word (after at least one letter).")]
    [InlineData("pro*cure", "'pro*cure': '*' is only allowed at the end of a word (after at least one letter).")]
    [InlineData(" ", "Every phrase must have 1 to 200 characters.")]
    public void Phrases_are_validated(string phrase, string? error) => Assert.Equal(error, PhraseSet.Validate(phrase));
}

/// <summary>A batch's texts matched on every core find what each matched alone finds.</summary>
public sealed class ParallelFindingTests
{
    [Fact]
    public void Finding_a_batch_in_parallel_gives_each_text_what_it_gets_alone()
    {
        var engine = new SuggestionEngine(RuleSeed.Rules, PolicyAreaMapping.Seed);
        // The real sample many times over, each row its own instance: enough work to be shared out across threads.
        var texts = Enumerable.Range(0, 10).SelectMany(_ => SampleSheet.Rows)
            .Select(r => new CommitmentText(r.Title, r.FullText, r.PolicyAreas, r.LeadInstitution, r.SupportingInstitutions, r.Theme)).ToList();

        var found = engine.FindAll(texts);

        Assert.Equal(texts.Count, found.Count);
        Assert.Contains(found.Values, f => f.Count > 0);
        foreach (var text in texts)
        {
            var alone = engine.Find(text);
            var inBatch = found[text];
            Assert.Equal(alone.Select(f => (f.Tag, f.EvidenceKind, f.PrimaryRule, f.RuleConfidence)), inBatch.Select(f => (f.Tag, f.EvidenceKind, f.PrimaryRule, f.RuleConfidence)));
            Assert.Equal(alone.SelectMany(f => f.Evidence), inBatch.SelectMany(f => f.Evidence));
        }
    }

    [Fact]
    public void Prepared_findings_are_used_for_their_own_text_only()
    {
        var engine = new SuggestionEngine(RuleSeed.Rules, PolicyAreaMapping.Seed);
        var row = SampleSheet.Rows.First(r => r.IsOpenContracting);
        var prepared = new CommitmentText(row.Title, row.FullText, row.PolicyAreas);
        var sameWords = new CommitmentText(row.Title, row.FullText, row.PolicyAreas);
        var state = new RuleState(engine, CalibrationTable.Seeded, []) { Prepared = new Dictionary<CommitmentText, IReadOnlyList<TagFinding>>(ReferenceEqualityComparer.Instance) { [prepared] = [] } };

        Assert.Empty(state.FindingsFor(prepared));
        Assert.NotEmpty(state.FindingsFor(sameWords));
    }
}
