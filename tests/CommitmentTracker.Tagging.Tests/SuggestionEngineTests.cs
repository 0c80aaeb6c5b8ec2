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
