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

    [Fact]
    public void Report()
    {
        foreach (var withFlags in new[] { true, false })
        {
            var result = Run(withFlags);
            foreach (var row in SampleSheet.Rows)
            {
                var s = result[row.Id];
                File.AppendAllText("/tmp/tagging-sample.txt", $"{withFlags} {row.Id} {row.IsOpenContracting} :: " + string.Join(" ; ", s.Select(x => $"{x.Tag} {x.Confidence} [{string.Join(", ", x.Evidence.Select(e => $"{e.Rule}:{e.Field}:{e.MatchedText}").Distinct())}]")) + "\n");
            }
        }
    }
}
