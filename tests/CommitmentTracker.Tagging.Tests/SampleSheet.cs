using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The real 20-row OGP sample (tests/fixtures/ogp/commitments-sample.csv), as Tagging's measurement reads it.</summary>
internal static class SampleSheet
{
    /// <summary>A row as ActionPlans' events carry it: every OGP policy-area flag that is set, the institutions and the theme.</summary>
    public sealed record Row(string Id, string Title, string FullText, IReadOnlyList<string> PolicyAreas, string LeadInstitution, string SupportingInstitutions, string Theme)
    {
        /// <summary>OGP flagged it Open Contracting or Public Procurement: the ground truth of the first measurement.</summary>
        public bool IsOpenContracting => PolicyAreas.Contains("Open Contracting") || PolicyAreas.Contains("Public Procurement");
    }

    /// <summary>The sheet's policy-area columns: those between the institutions and the assessment (as ActionPlans reads them).</summary>
    private const string FirstPolicyArea = "Anti-Corruption and Integrity";
    private const string LastPolicyArea = "Money in Politics";

    public static IReadOnlyList<Row> Rows { get; } = Read();

    private static List<Row> Read()
    {
        var records = OgpSampleSheet.Records;
        var header = records[0];
        int Column(string name) => Array.IndexOf(header, name);
        var flagColumns = Enumerable.Range(Column(FirstPolicyArea), Column(LastPolicyArea) - Column(FirstPolicyArea) + 1).ToList();
        return
        [
            .. records.Skip(1).Where(r => r.Length == header.Length).Select(r => new Row(
                r[Column("Commitment Unique Identifier")],
                r[Column("Commitment Title")],
                r[Column("Full Text")],
                [.. flagColumns.Where(c => r[c] == "1").Select(c => header[c])],
                r[Column("Lead Institution")],
                r[Column("Supporting Institution(s)")],
                r[Column("Theme")])),
        ];
    }
}
