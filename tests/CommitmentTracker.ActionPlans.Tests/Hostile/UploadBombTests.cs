using System.Net;
using CommitmentTracker.ActionPlans.Tests.Importing;
using CommitmentTracker.Contracts.Api;

namespace CommitmentTracker.ActionPlans.Tests.Hostile;

/// <summary>
/// Uploads built to exhaust memory: each is refused or has its one bad row rejected in our words, and the process grows by
/// less than 300 MB above where it stood (the bound), whatever the file uncompresses to.
/// </summary>
[Collection(nameof(MeasuresMemory))]
public sealed class UploadBombTests : IDisposable
{
    private const long Gibibyte = 1L << 30;
    private const long MaxGrowthMegabytes = 300;
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly ServiceFactory<Program> factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task A_gigabyte_shared_string_rejects_only_the_row_that_uses_it()
    {
        var (sample, row, title) = await KyrgyzstanTitleAsync();
        var file = Bombs.Workbook(sample.Header, sample.Rows,
            cell: (r, c, xml) => r == row && c == title && Write(xml, "<c t=\"s\"><v>0</v></c>"),
            sharedStrings: part =>
            {
                Bombs.Ascii(part, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\"><si><t>");
                Bombs.Repeat(part, 'a', Gibibyte);
                Bombs.Ascii(part, "</t></si></sst>");
            });

        await AssertOnlyTheRowIsRejectedAsync(file, row);
    }

    [Fact]
    public async Task A_gigabyte_inline_string_rejects_only_its_row()
    {
        var (sample, row, title) = await KyrgyzstanTitleAsync();
        var file = Bombs.Workbook(sample.Header, sample.Rows, cell: (r, c, xml) =>
        {
            if (r != row || c != title)
            {
                return false;
            }

            xml.Write("<c t=\"inlineStr\"><is><t>");
            Bombs.Repeat(xml, 'a', Gibibyte);
            xml.Write("</t></is></c>");
            return true;
        });

        await AssertOnlyTheRowIsRejectedAsync(file, row);
    }

    [Fact]
    public async Task A_shared_string_table_of_twenty_million_entries_is_refused()
    {
        var sample = await SampleSheet.LoadAsync();
        var file = Bombs.Workbook(sample.Header, sample.Rows, sharedStrings: part =>
        {
            Bombs.Ascii(part, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\">");
            var entry = "<si><t/></si>"u8.ToArray();
            for (var i = 0; i < 20_000_000; i++)
            {
                part.Write(entry);
            }

            Bombs.Ascii(part, "</sst>");
        });

        var problem = await RefusedAsync(file);

        Assert.Contains("shared string table has more than 2,000,000 entries", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_of_too_many_parts_is_refused()
    {
        var sample = await SampleSheet.LoadAsync();

        var problem = await RefusedAsync(Bombs.Workbook(sample.Header, sample.Rows, extraParts: 1000));

        Assert.Contains("more than 1,000 parts", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_type_is_refused_in_our_words()
    {
        var sample = await SampleSheet.LoadAsync();
        var file = Bombs.Workbook(sample.Header, sample.Rows, sharedStrings: part => Bombs.Ascii(part,
            $"<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst xmlns=\"{Main}\"><si><t>&b;</t></si></sst>"));

        var problem = await RefusedAsync(file);

        Assert.Contains("declares a document type (DTD)", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("DtdProcessing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_of_many_megabytes_is_refused_while_reading()
    {
        var (sample, row, title) = await KyrgyzstanTitleAsync();
        var file = Bombs.Workbook(sample.Header, sample.Rows, cell: (r, c, xml) =>
        {
            if (r != row || c != title)
            {
                return false;
            }

            xml.Write("<c t=\"inlineStr\" x=\"");
            Bombs.Repeat(xml, 'a', 64L << 20);
            xml.Write("\"><is><t>title</t></is></c>");
            return true;
        });

        var problem = await RefusedAsync(file);

        Assert.Contains("holds an XML tag longer than 1,048,576 bytes", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifty_megabyte_csv_cell_rejects_its_row_by_number()
    {
        var (sample, row, _) = await KyrgyzstanTitleAsync();
        sample.Set("KG0009", "Commitment Title", new string('a', 50_000_000));
        var file = await sample.ToCsvAsync();

        await AssertOnlyTheRowIsRejectedAsync(file, row, "commitments.csv");
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused_naming_their_row()
    {
        var sample = await SampleSheet.LoadAsync();
        var file = await sample.ToCsvAsync();
        var text = System.Text.Encoding.UTF8.GetString(file);
        // A Latin-1 "é" in the last row: the file was saved in another encoding.
        var position = System.Text.Encoding.UTF8.GetByteCount(text[..text.LastIndexOf(sample.Rows[^1][0], StringComparison.Ordinal)]);
        file[position] = 0xE9;

        var problem = await RefusedAsync(file, "commitments.csv");

        Assert.Contains($"Row {sample.Rows.Count + 1} holds bytes that are not UTF-8", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to translate", problem, StringComparison.Ordinal);
    }

    private static bool Write(TextWriter xml, string text)
    {
        xml.Write(text);
        return true;
    }

    /// <summary>The sample, and where Kyrgyzstan's KG0009 title is (row counted from the header as 0, column 0-based).</summary>
    private static async Task<(SampleSheet Sample, int Row, int Column)> KyrgyzstanTitleAsync()
    {
        var sample = await SampleSheet.LoadAsync();
        return (sample, sample.Rows.IndexOf(sample.Row("KG0009")) + 1, sample.Header.IndexOf("Commitment Title"));
    }

    private async Task AssertOnlyTheRowIsRejectedAsync(byte[] file, int row, string name = "commitments.xlsx")
    {
        ImportResponse job;
        long growth;
        using (var memory = PeakMemory.Start())
        {
            job = await ImportClient.ImportAsync(factory.CreateAdminClient(), file, name);
            growth = memory.GrowthMegabytes;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{name}, {file.Length:N0} bytes: the process grew by {growth} MB.");
        Assert.Equal(("succeeded", 19, 1), (job.Status, job.Counts.Added, job.Counts.Rejected));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(" | ", job.Errors));
        var error = Assert.Single(job.Errors);
        Assert.Equal((row + 1, "Commitment Title"), (error.Row, error.Column));
        Assert.Contains("more than 200,000 characters", error.Reason, StringComparison.Ordinal);
        Assert.InRange(growth, 0, MaxGrowthMegabytes);
    }

    /// <summary>The reason the file was refused: at upload (400) or, when found past the header, by the import.</summary>
    private async Task<string> RefusedAsync(byte[] file, string name = "commitments.xlsx")
    {
        var client = factory.CreateAdminClient();
        string reason;
        long growth;
        using (var memory = PeakMemory.Start())
        {
            var response = await ImportClient.PostFileAsync(client, file, name);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var job = await ImportClient.WaitAsync(client, response.Headers.Location!.ToString());
                Assert.Equal("rejected", job.Status);
                reason = job.Error!;
            }
            else
            {
                reason = (await response.ProblemAsync(HttpStatusCode.BadRequest)).Detail!;
            }

            growth = memory.GrowthMegabytes;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{name}, {file.Length:N0} bytes: refused ({reason}); the process grew by {growth} MB.");
        Assert.InRange(growth, 0, MaxGrowthMegabytes);
        Assert.Equal(0, (await client.GetAsync("/api/commitments", Ct).OkAsync<PagedResponse<CommitmentSummaryResponse>>()).Total);
        return reason;
    }
}
