using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The real 20-row OGP sample (tests/fixtures/ogp/commitments-sample.csv), as Tagging's measurement reads it.</summary>
internal static class SampleSheet
{
    public sealed record Row(string Id, string Title, string FullText, IReadOnlyList<string> PolicyAreas)
    {
        /// <summary>OGP flagged it Open Contracting or Public Procurement: the ground truth of the measurement.</summary>
        public bool IsOpenContracting => PolicyAreas.Contains("Open Contracting") || PolicyAreas.Contains("Public Procurement");
    }

    private static readonly string[] Flags = ["Open Contracting", "Public Procurement", "Beneficial Ownership"];

    public static IReadOnlyList<Row> Rows { get; } = Read();

    private static List<Row> Read()
    {
        var records = OgpSampleSheet.Records;
        var header = records[0];
        int Column(string name) => Array.IndexOf(header, name);
        var flagColumns = Flags.Select(f => (f, Column(f))).ToList();
        return
        [
            .. records.Skip(1).Where(r => r.Length == header.Length).Select(r => new Row(
                r[Column("Commitment Unique Identifier")],
                r[Column("Commitment Title")],
                r[Column("Full Text")],
                [.. flagColumns.Where(f => r[f.Item2] == "1").Select(f => f.f)])),
        ];
    }
}
