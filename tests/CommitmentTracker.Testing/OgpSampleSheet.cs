using Sylvan.Data.Csv;

namespace CommitmentTracker.Testing;

/// <summary>The real 20-row OGP sample (tests/fixtures/ogp/commitments-sample.csv), read as the importer reads CSV.</summary>
public static class OgpSampleSheet
{
    /// <summary>Every record, the header first; quoted fields keep their line feeds.</summary>
    public static IReadOnlyList<string[]> Records { get; } = ReadRecords(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"));

    /// <summary>The rows by commitment id, each a column name → cell map.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Rows { get; } = Records.Skip(1)
        .Where(r => r.Length == Records[0].Length)
        .Select(r => (IReadOnlyDictionary<string, string>)Records[0].Select((name, i) => (name, value: r[i])).GroupBy(x => x.name).ToDictionary(g => g.Key, g => g.First().value, StringComparer.Ordinal))
        .ToDictionary(r => r["Commitment Unique Identifier"], StringComparer.Ordinal);

    /// <summary>Every record of an OGP-style CSV file, the header first (Sylvan, as the importer reads it).</summary>
    public static List<string[]> ReadRecords(string path)
    {
        var records = new List<string[]>();
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', MaxBufferSize = 1 << 24 });
        while (reader.Read())
        {
            var record = new string[reader.RowFieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = reader.GetString(i);
            }

            records.Add(record);
        }

        return records;
    }
}
