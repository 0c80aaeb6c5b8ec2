using System.Globalization;
using System.Text;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests.Evaluation;

/// <summary>Runs the seeded rules and calibration over rows and counts, per tag, what would be queued and held.</summary>
internal sealed class Measurement
{
    public sealed record TagFigures(string Tag, int Queued, int TruePositives, int FalsePositives, int FalseNegatives, int Held)
    {
        public double Precision => Queued == 0 ? double.NaN : (double)TruePositives / Queued;
        public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);
    }

    public sealed record RowResult(EvaluationSet.Row Row, IReadOnlyList<ComputedSuggestion> Suggestions);

    public static SuggestionEngine SeededEngine { get; } = new(RuleSeed.Rules, PolicyAreaMapping.Seed);

    public static SuggestionThresholds Defaults { get; } = SuggestionThresholds.From(new TaggingOptions());

    public IReadOnlyList<RowResult> Results { get; }

    private readonly SuggestionThresholds thresholds;

    public Measurement(IEnumerable<EvaluationSet.Row> rows, CalibrationTable? calibration = null, SuggestionThresholds? thresholds = null)
    {
        this.thresholds = thresholds ?? Defaults;
        var table = calibration ?? CalibrationTable.Seeded;
        Results = [.. rows.Select(r => new RowResult(r, [.. SeededEngine.Find(r.Text).Select(table.Rate).Where(s => s.Confidence >= this.thresholds.MinimumConfidence)]))];
    }

    public bool IsQueued(ComputedSuggestion suggestion) => suggestion.Confidence >= thresholds.QueueThreshold;

    public TagFigures For(string tag)
    {
        int queued = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0, held = 0;
        foreach (var result in Results)
        {
            var expected = result.Row.Expected.Contains(tag);
            var suggestion = result.Suggestions.FirstOrDefault(s => s.Tag == tag);
            var isQueued = suggestion is not null && IsQueued(suggestion);
            held += suggestion is not null && !isQueued ? 1 : 0;
            queued += isQueued ? 1 : 0;
            truePositives += isQueued && expected ? 1 : 0;
            falsePositives += isQueued && !expected ? 1 : 0;
            falseNegatives += !isQueued && expected ? 1 : 0;
        }

        return new TagFigures(tag, queued, truePositives, falsePositives, falseNegatives, held);
    }

    /// <summary>Suggestions in the review queue over all rows.</summary>
    public int QueueLength => Results.Sum(r => r.Suggestions.Count(IsQueued));

    public string Report(string title)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{title}: {Results.Count} rows, {QueueLength} suggestions queued");
        report.AppendLine("| tag | queued | right | wrong | missed | held | precision | recall |");
        foreach (var figures in EvaluationSet.Tags.Select(For))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {figures.Tag} | {figures.Queued} | {figures.TruePositives} | {figures.FalsePositives} | {figures.FalseNegatives} | {figures.Held} | {Percent(figures.Precision)} | {Percent(figures.Recall)} |");
        }

        foreach (var result in Results)
        {
            foreach (var tag in EvaluationSet.Tags)
            {
                var suggestion = result.Suggestions.FirstOrDefault(s => s.Tag == tag);
                var isQueued = suggestion is not null && IsQueued(suggestion);
                if (isQueued != result.Row.Expected.Contains(tag))
                {
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"  {(isQueued ? "wrong" : "missed")} {result.Row.Id} {tag} {suggestion?.EvidenceKind ?? "-"} {suggestion?.Confidence.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty} {string.Join("; ", suggestion?.Evidence.Take(3).Select(e => $"{e.Rule}:{e.Part ?? e.Field}:{e.MatchedText}") ?? [])}");
                }
            }
        }

        return report.ToString();
    }

    /// <summary>The confidence buckets of the calibration table: [0, 0.1), [0.1, 0.3), [0.3, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 1].</summary>
    public static readonly double[] BucketEdges = [0, 0.1, 0.3, 0.5, 0.7, 0.9];

    public sealed record Bucket(double From, double To, int Suggestions, int Right, double MeanConfidence)
    {
        /// <summary>The share of the bucket's suggestions whose tag the row expects: what a liaison would accept.</summary>
        public double AcceptedShare => Suggestions == 0 ? double.NaN : (double)Right / Suggestions;
    }

    /// <summary>Every suggestion stored (queued and held), by confidence bucket, with the share that is right.</summary>
    public IReadOnlyList<Bucket> Calibration()
    {
        var all = Results.SelectMany(r => r.Suggestions.Select(s => (s.Confidence, Right: r.Row.Expected.Contains(s.Tag)))).ToList();
        return
        [
            .. BucketEdges.Select((from, i) =>
            {
                var to = i + 1 < BucketEdges.Length ? BucketEdges[i + 1] : 1.0;
                var inside = all.Where(s => s.Confidence >= from && (s.Confidence < to || (to >= 1.0 && s.Confidence <= 1.0))).ToList();
                return new Bucket(from, to, inside.Count, inside.Count(s => s.Right), inside.Count == 0 ? double.NaN : inside.Average(s => s.Confidence));
            }),
        ];
    }

    public string CalibrationReport(string title)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{title}: calibration (every stored suggestion, queued or held)");
        report.AppendLine("| confidence | suggestions | right | mean confidence | share right |");
        foreach (var bucket in Calibration())
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {bucket.From:0.0}–{bucket.To:0.0} | {bucket.Suggestions} | {bucket.Right} | {(double.IsNaN(bucket.MeanConfidence) ? "–" : bucket.MeanConfidence.ToString("0.00", CultureInfo.InvariantCulture))} | {Percent(bucket.AcceptedShare)} |");
        }

        return report.ToString();
    }

    private static string Percent(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0 %", CultureInfo.InvariantCulture);

    /// <summary>The labelled examples per tag and evidence kind: every finding of the rules, right when its tag is expected.</summary>
    public static IReadOnlyList<CalibrationPrior> CountPriors(IEnumerable<EvaluationSet.Row> rows) =>
    [
        .. rows.SelectMany(r => SeededEngine.Find(r.Text).Select(f => (f.Tag, f.EvidenceKind, Right: r.Expected.Contains(f.Tag))))
            .GroupBy(f => (f.Tag, f.EvidenceKind))
            .OrderBy(g => g.Key.Tag, StringComparer.Ordinal).ThenBy(g => g.Key.EvidenceKind, StringComparer.Ordinal)
            .Select(g => new CalibrationPrior { TagId = g.Key.Tag, EvidenceKind = g.Key.EvidenceKind, Accepted = g.Count(f => f.Right), Rejected = g.Count(f => !f.Right) }),
    ];
}
