using CommitmentTracker.ActionPlans.Sheets;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

/// <summary>OGP's real sample written by each writer and read back by the matching reader: every cell unchanged.</summary>
public sealed class SheetRoundTripTests
{
    private static async Task<ReadSheet> ReadSampleAsync()
    {
        var sample = await SheetTestFiles.ReadAllAsync(CsvSheetReader.Open(File.OpenRead(SheetTestFiles.Sample)));
        Assert.Equal(171, sample.Header.Count);
        Assert.Equal(20, sample.Rows.Count);
        // The sample is worth round-tripping only while it has the hard cases.
        Assert.Contains(sample.Rows, row => row.Any(cell => cell.Contains('\n', StringComparison.Ordinal)));
        Assert.Contains(sample.Rows, row => row.Any(cell => cell.Contains('"', StringComparison.Ordinal)));
        return sample;
    }

    [Fact]
    public async Task Csv_writer_output_reads_back_as_the_sample()
    {
        var sample = await ReadSampleAsync();
        using var temp = new TempFile();

        await using (var file = File.Create(temp.Path))
        {
            await SheetTestFiles.WriteAllAsync(CsvSheetWriter.Create(file), [sample.Header, .. sample.Rows]);
        }

        var copy = await SheetTestFiles.ReadAllAsync(CsvSheetReader.Open(File.OpenRead(temp.Path)));
        Assert.Equal(sample.Header, copy.Header);
        Assert.Equal(sample.RowNumbers, copy.RowNumbers);
        Assert.Equal(sample.Rows, copy.Rows);
    }

    [Fact]
    public async Task Xlsx_writer_output_reads_back_as_the_sample()
    {
        var sample = await ReadSampleAsync();
        using var temp = new TempFile();

        await using (var file = File.Create(temp.Path))
        {
            await SheetTestFiles.WriteAllAsync(XlsxSheetWriter.Create(file), [sample.Header, .. sample.Rows]);
        }

        await using var read = File.OpenRead(temp.Path);
        Assert.Equal(SheetFormat.Xlsx, await SheetFiles.DetectAsync(read, TestContext.Current.CancellationToken));
        var copy = await SheetTestFiles.ReadAllAsync(SheetFiles.Open(read, SheetFormat.Xlsx));
        Assert.Equal(sample.Header, copy.Header);
        Assert.Equal(Enumerable.Range(2, 20), copy.RowNumbers);
        Assert.Equal(sample.Rows, copy.Rows);
    }
}
