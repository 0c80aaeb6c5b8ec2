using System.Text;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The real 20-row OGP sample (tests/fixtures/ogp/commitments-sample.csv), read with a minimal RFC 4180 parser.</summary>
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
        var records = Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"), Encoding.UTF8));
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

    private static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
