using System.Text.Json;
using CommitmentTracker.Tagging.Suggestions;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests.Evaluation;

/// <summary>
/// The labelled evaluation set. <c>labelled-set.jsonl</c>: rows written for this measurement after reading OGP's real
/// sheet (paraphrased, names and numbers changed), one per line, each an error pattern of issue 16 or a kind of
/// positive, in English, Spanish, French, Portuguese and Russian; the rules were tuned on them, and the calibration's
/// priors are counted on them (fitted figures). <c>held-out.jsonl</c>: rows written the same way before any rule was
/// tuned and never tuned on. <c>real-sample-labels.json</c>: the expected tags of the 20 real rows of the sample sheet.
/// </summary>
internal static class EvaluationSet
{
    public const string Real = "real";

    /// <summary>The tags the thresholds apply to (precision ≥ 0.9, recall ≥ 0.95 on the held-out rows).</summary>
    public static readonly string[] GatedTags = ["open-contracting", "public-procurement", "e-procurement"];

    public static readonly string[] Tags =
    [
        "open-contracting", "oc-disclosure", "oc-participation", "public-procurement", "e-procurement", "beneficial-ownership",
        "sector-health", "sector-education", "sector-infrastructure", "sector-extractives",
    ];

    public sealed record Row(string Id, string Language, string Pattern, CommitmentText Text, IReadOnlySet<string> Expected);

    /// <summary>The rows written for tuning plus the 20 real rows: what the rules were tuned and the calibration fitted on.</summary>
    public static IReadOnlyList<Row> Labelled { get; } = [.. Written("labelled-set.jsonl"), .. RealRows()];

    /// <summary>Rows never tuned on.</summary>
    public static IReadOnlyList<Row> HeldOut { get; } = Written("held-out.jsonl");

    public static IReadOnlyList<Row> RealSample => [.. Labelled.Where(r => r.Pattern == Real)];

    private static string Folder => Path.Combine(Repository.Root, "tests", "CommitmentTracker.Tagging.Tests", "Evaluation");

    private static List<Row> Written(string file) =>
    [
        .. File.ReadLines(Path.Combine(Folder, file)).Where(l => l.Trim().Length > 0).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
            return new Row(
                Text("id")!, Text("lang")!, Text("pattern")!,
                new CommitmentText(Text("title")!, Text("text"), [.. r.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)], Text("lead"), Text("supporting"), Text("theme")),
                r.GetProperty("expected").EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal));
        }),
    ];

    private static List<Row> RealRows()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "real-sample-labels.json")));
        var labels = json.RootElement.GetProperty("rows");
        return
        [
            .. SampleSheet.Rows.Select(r => new Row(
                r.Id, "en", Real, new CommitmentText(r.Title, r.FullText, r.PolicyAreas, r.LeadInstitution, r.SupportingInstitutions, r.Theme),
                labels.GetProperty(r.Id).EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal))),
        ];
    }
}
