using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using CommitmentTracker.Tagging.Tests.Evaluation;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// What a liaison's queue holds for the real sample: 18 rows OGP flagged Open Contracting or Public Procurement, 2
/// (AL0002, AL0003) neither. Seeded rules, mappings and calibration, default thresholds (what is held is not queued).
/// A row counts as suggested when an open-contracting family tag is queued for it.
/// </summary>
public sealed class SampleMeasurementTests
{
    internal static readonly HashSet<string> OpenContractingFamily = ["open-contracting", "oc-disclosure", "oc-participation", "public-procurement", "e-procurement"];

    private static Measurement Run(bool withFlags) =>
        new(EvaluationSet.RealSample.Select(r => withFlags ? r : r with { Text = r.Text with { PolicyAreas = [] } }));

    private static Dictionary<string, string[]> Queued(Measurement measurement) => measurement.Results.ToDictionary(
        r => r.Row.Id, r => r.Suggestions.Where(measurement.IsQueued).Select(s => s.Tag).Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void The_sample_has_18_flagged_rows_and_two_others()
    {
        Assert.Equal(20, SampleSheet.Rows.Count);
        Assert.Equal(["AL0002", "AL0003"], SampleSheet.Rows.Where(r => !r.IsOpenContracting).Select(r => r.Id));
    }

    /// <summary>Every row and the tags queued for it (measured 2026-12-04; docs/tagging.md): 49 suggestions in the queue.</summary>
    private static readonly Dictionary<string, string[]> QueuedWithFlags = new()
    {
        ["AL0002"] = [],
        ["AL0003"] = [],
        ["MD0070"] = ["public-procurement"],
        ["PNG0006"] = ["oc-disclosure", "open-contracting", "public-procurement"],
        ["RO0018"] = ["e-procurement", "open-contracting", "public-procurement", "sector-infrastructure"],
        ["SCO0001"] = ["public-procurement"],
        ["SCO0006"] = ["public-procurement"],
        ["BG0039"] = ["e-procurement", "public-procurement"],
        ["HR0006"] = ["open-contracting", "public-procurement"],
        ["GT0106"] = ["beneficial-ownership", "oc-disclosure", "open-contracting", "public-procurement"],
        ["JO0026"] = ["e-procurement", "public-procurement"],
        ["XK0011"] = ["e-procurement", "open-contracting", "public-procurement"],
        ["KG0009"] = ["e-procurement", "oc-participation", "open-contracting", "public-procurement"],
        ["LV0040"] = ["e-procurement", "oc-participation", "open-contracting", "public-procurement"],
        ["MW0006"] = ["beneficial-ownership", "e-procurement", "oc-participation", "open-contracting", "public-procurement"],
        ["MW0010"] = ["beneficial-ownership", "open-contracting", "sector-extractives"],
        ["MN0045"] = ["open-contracting", "sector-extractives"],
        ["SL0033"] = ["beneficial-ownership", "open-contracting", "sector-extractives"],
        ["UA0087"] = ["e-procurement", "public-procurement"],
        ["UK0098"] = ["oc-disclosure", "open-contracting", "public-procurement"],
    };

    [Fact]
    public void Every_row_queues_exactly_the_measured_tags()
    {
        var measurement = Run(withFlags: true);
        var actual = Queued(measurement);

        Assert.Equal(QueuedWithFlags.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(QueuedWithFlags, e => Assert.Equal(e.Value, actual[e.Key]));
        Assert.Equal(49, measurement.QueueLength);
    }

    /// <summary>
    /// The extractives rows carry OGP's Public Procurement flag on texts about mining contracts and licences (pattern 4):
    /// the exclude rule contradicts the flag and the suggestion is held.
    /// </summary>
    [Theory]
    [InlineData("MW0010")]
    [InlineData("MN0045")]
    [InlineData("SL0033")]
    public void The_procurement_flag_on_extractives_rows_is_contradicted_and_held(string id)
    {
        var measurement = Run(withFlags: true);

        var procurement = measurement.Results.Single(r => r.Row.Id == id).Suggestions.Single(s => s.Tag == "public-procurement");

        Assert.Equal("flag-contradicted", procurement.EvidenceKind);
        Assert.False(measurement.IsQueued(procurement));
    }

    [Theory]
    [InlineData(false, 15, 0)]
    [InlineData(true, 18, 0)]
    public void Precision_and_recall_on_the_sample(bool withFlags, int truePositives, int falsePositives)
    {
        var suggested = Queued(Run(withFlags)).Where(p => p.Value.Any(OpenContractingFamily.Contains)).Select(p => p.Key).ToHashSet();
        var relevant = SampleSheet.Rows.Where(r => r.IsOpenContracting).Select(r => r.Id).ToHashSet();

        Assert.Equal(truePositives, suggested.Count(relevant.Contains));
        Assert.Equal(falsePositives, suggested.Count(id => !relevant.Contains(id)));
        Assert.DoesNotContain("AL0002", suggested);
        Assert.DoesNotContain("AL0003", suggested);
    }

    [Fact]
    public void The_policy_area_mappings_alone_queue_exactly_the_flagged_rows()
    {
        var engine = new SuggestionEngine([], PolicyAreaMapping.Seed);
        var threshold = new TaggingOptions().QueueThreshold;

        var suggested = SampleSheet.Rows
            .Where(r => engine.Suggest(new CommitmentText(r.Title, r.FullText, r.PolicyAreas), CalibrationTable.Seeded).Any(s => OpenContractingFamily.Contains(s.Tag) && s.Confidence >= threshold))
            .Select(r => r.Id);

        Assert.Equal(SampleSheet.Rows.Where(r => r.IsOpenContracting).Select(r => r.Id), suggested);
    }
}
