using System.Text;

namespace CommitmentTracker.Testing;

/// <summary>The real 20-row OGP sample (tests/fixtures/ogp/commitments-sample.csv), read with a minimal RFC 4180 parser.</summary>
public static class OgpSampleSheet
{
    /// <summary>Every record, the header first; quoted fields keep their line feeds.</summary>
    public static IReadOnlyList<string[]> Records { get; } = Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"), Encoding.UTF8));

    /// <summary>The rows by commitment id, each a column name → cell map.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Rows { get; } = Records.Skip(1)
        .Where(r => r.Length == Records[0].Length)
        .Select(r => (IReadOnlyDictionary<string, string>)Records[0].Select((name, i) => (name, value: r[i])).GroupBy(x => x.name).ToDictionary(g => g.Key, g => g.First().value, StringComparer.Ordinal))
        .ToDictionary(r => r["Commitment Unique Identifier"], StringComparer.Ordinal);

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
