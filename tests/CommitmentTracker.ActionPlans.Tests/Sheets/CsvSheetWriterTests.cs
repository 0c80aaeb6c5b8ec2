using System.Text;
using CommitmentTracker.ActionPlans.Sheets;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

public sealed class CsvSheetWriterTests
{
    [Fact]
    public async Task Writes_utf8_with_bom_quotes_only_what_needs_it_and_ends_rows_with_crlf()
    {
        using var output = new MemoryStream();

        await SheetTestFiles.WriteAllAsync(CsvSheetWriter.Create(output), [["plain", "comma,inside", "café"], ["say \"hi\"", "line\nbreak", null], ["", " spaced ", "cr\r"]]);

        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "plain,\"comma,inside\",café\r\n\"say \"\"hi\"\"\",\"line\nbreak\",\r\n, spaced ,\"cr\r\"\r\n",
            Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    [Fact]
    public async Task The_output_stays_open_for_its_owner()
    {
        using var output = new MemoryStream();

        await SheetTestFiles.WriteAllAsync(CsvSheetWriter.Create(output), [["a"]]);

        Assert.True(output.CanWrite);
    }
}
