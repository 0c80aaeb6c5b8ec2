using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// Precision and recall of the seeded rules on the real sample: 18 rows OGP flagged Open Contracting or Public
/// Procurement, 2 (AL0002, AL0003) neither. A row counts as suggested when it gets an open-contracting family tag.
/// </summary>
public sealed class SampleMeasurementTests
{
    internal static readonly HashSet<string> OpenContractingFamily = ["open-contracting", "oc-disclosure", "oc-participation", "public-procurement", "e-procurement"];

    internal static Dictionary<string, IReadOnlyList<ComputedSuggestion>> Run(bool withFlags)
    {
        var engine = new SuggestionEngine(RuleSeed.Rules.Where(r => withFlags || r.Kind == RuleKind.Phrase));
        return SampleSheet.Rows.ToDictionary(
            r => r.Id,
            r => (IReadOnlyList<ComputedSuggestion>)[.. engine.Suggest(new CommitmentText(r.Title, r.FullText, r.PolicyAreas)).Where(s => OpenContractingFamily.Contains(s.Tag))]);
    }

    [Fact]
    public void The_sample_has_18_flagged_rows_and_two_others()
    {
        Assert.Equal(20, SampleSheet.Rows.Count);
        Assert.Equal(["AL0002", "AL0003"], SampleSheet.Rows.Where(r => !r.IsOpenContracting).Select(r => r.Id));
    }

    /// <summary>Every row and the rules that suggested an open-contracting family tag for it, phrase rules only.</summary>
    private static readonly Dictionary<string, string[]> PhraseRulesOnly = new()
    {
        ["AL0002"] = [],
        ["AL0003"] = [],
        ["MD0070"] = ["en-procurement"],
        ["PNG0006"] = ["en-open-contracting", "en-procurement", "oc-participation", "ocds"],
        ["RO0018"] = ["en-procurement"],
        ["SCO0001"] = ["en-procurement"],
        ["SCO0006"] = ["en-procurement"],
        ["BG0039"] = ["e-procurement", "en-procurement"],
        ["HR0006"] = ["en-procurement"],
        ["GT0106"] = ["en-open-contracting", "es-open-contracting", "es-procurement", "ocds"],
        ["JO0026"] = ["en-procurement"],
        ["XK0011"] = ["e-procurement", "en-open-contracting", "en-procurement"],
        ["KG0009"] = ["e-procurement", "en-open-contracting", "en-procurement"],
        ["LV0040"] = ["e-procurement", "en-procurement", "oc-participation"],
        ["MW0006"] = ["e-procurement", "en-open-contracting", "en-procurement", "oc-participation"],
        ["MW0010"] = ["en-open-contracting"],
        ["MN0045"] = ["en-open-contracting"],
        ["SL0033"] = ["en-open-contracting"],
        ["UA0087"] = ["e-procurement", "en-procurement"],
        ["UK0098"] = ["en-open-contracting", "en-procurement", "ocds"],
    };

    /// <summary>The same with every seeded rule, OGP's flags included.</summary>
    private static readonly Dictionary<string, string[]> AllRules = new()
    {
        ["AL0002"] = [],
        ["AL0003"] = [],
        ["MD0070"] = ["en-procurement", "flag-public-procurement"],
        ["PNG0006"] = ["en-open-contracting", "en-procurement", "flag-open-contracting", "flag-public-procurement", "oc-participation", "ocds"],
        ["RO0018"] = ["en-procurement", "flag-open-contracting", "flag-public-procurement"],
        ["SCO0001"] = ["en-procurement", "flag-public-procurement"],
        ["SCO0006"] = ["en-procurement", "flag-public-procurement"],
        ["BG0039"] = ["e-procurement", "en-procurement", "flag-public-procurement"],
        ["HR0006"] = ["en-procurement", "flag-open-contracting", "flag-public-procurement"],
        ["GT0106"] = ["en-open-contracting", "es-open-contracting", "es-procurement", "flag-public-procurement", "ocds"],
        ["JO0026"] = ["en-procurement", "flag-public-procurement"],
        ["XK0011"] = ["e-procurement", "en-open-contracting", "en-procurement", "flag-open-contracting", "flag-public-procurement"],
        ["KG0009"] = ["e-procurement", "en-open-contracting", "en-procurement", "flag-open-contracting", "flag-public-procurement"],
        ["LV0040"] = ["e-procurement", "en-procurement", "flag-open-contracting", "flag-public-procurement", "oc-participation"],
        ["MW0006"] = ["e-procurement", "en-open-contracting", "en-procurement", "flag-open-contracting", "flag-public-procurement", "oc-participation"],
        ["MW0010"] = ["en-open-contracting", "flag-public-procurement"],
        ["MN0045"] = ["en-open-contracting", "flag-open-contracting", "flag-public-procurement"],
        ["SL0033"] = ["en-open-contracting", "flag-open-contracting", "flag-public-procurement"],
        ["UA0087"] = ["e-procurement", "en-procurement", "flag-public-procurement"],
        ["UK0098"] = ["en-open-contracting", "en-procurement", "flag-open-contracting", "flag-public-procurement", "ocds"],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_row_is_suggested_by_exactly_the_expected_rules(bool withFlags)
    {
        var expected = withFlags ? AllRules : PhraseRulesOnly;

        var actual = Run(withFlags).ToDictionary(p => p.Key, p => p.Value.SelectMany(s => s.Evidence).Select(e => e.Rule).Distinct().Order(StringComparer.Ordinal).ToArray());

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
    }

    [Theory]
    [InlineData(false, 18, 0)]
    [InlineData(true, 18, 0)]
    public void Precision_and_recall_on_the_sample(bool withFlags, int truePositives, int falsePositives)
    {
        var suggested = Run(withFlags).Where(p => p.Value.Count > 0).Select(p => p.Key).ToHashSet();
        var relevant = SampleSheet.Rows.Where(r => r.IsOpenContracting).Select(r => r.Id).ToHashSet();

        Assert.Equal(truePositives, suggested.Count(relevant.Contains));
        Assert.Equal(falsePositives, suggested.Count(id => !relevant.Contains(id)));
        Assert.DoesNotContain("AL0002", suggested);
        Assert.DoesNotContain("AL0003", suggested);
    }

    [Fact]
    public void The_flag_rules_alone_find_exactly_the_flagged_rows()
    {
        var engine = new SuggestionEngine(RuleSeed.Rules.Where(r => r.Kind == RuleKind.Flag));

        var suggested = SampleSheet.Rows.Where(r => engine.Suggest(new CommitmentText(r.Title, r.FullText, r.PolicyAreas)).Any(s => OpenContractingFamily.Contains(s.Tag))).Select(r => r.Id);

        Assert.Equal(SampleSheet.Rows.Where(r => r.IsOpenContracting).Select(r => r.Id), suggested);
    }
}
