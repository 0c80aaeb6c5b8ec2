using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Testing;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

/// <summary>A sheet read to the end: its header and each row's number and cells (as wide as the header).</summary>
internal sealed record ReadSheet(IReadOnlyList<string> Header, List<int> RowNumbers, List<string[]> Rows);

internal static class SheetTestFiles
{
    /// <summary>OGP's real sheet, 171 columns and 20 rows (a byte-for-byte copy in tests/fixtures).</summary>
    public static string Sample { get; } = Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv");

    public static async Task<ReadSheet> ReadAllAsync(ISheetReader reader)
    {
        using (reader)
        {
            var rows = new List<string[]>();
            var numbers = new List<int>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                numbers.Add(reader.RowNumber);
                rows.Add([.. Enumerable.Range(0, reader.Header.Count).Select(reader.Get)]);
            }

            return new ReadSheet(reader.Header, numbers, rows);
        }
    }

    public static async Task WriteAllAsync(ISheetWriter writer, IEnumerable<IReadOnlyList<string?>> rows)
    {
        await using (writer)
        {
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row, TestContext.Current.CancellationToken);
            }

            await writer.CompleteAsync(TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>A temporary file's path, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sheets-{Guid.NewGuid():N}.tmp");

    public void Dispose() => File.Delete(Path);
}
