using System.Net;
using System.Text;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>XLSX, the archival Explorer CSV, and exports that re-import to no change.</summary>
public sealed class ExplorerAndFormatTests : IDisposable
{
    private const string ExplorerHeader = "Country,Action Plan Number,Theme,Comm No,Commitment Title,Full Text,Start Date,End Date,Lead Institution,Supporting Institution(s)";
    private readonly ServiceFactory<Program> factory = new();

    [Fact]
    public async Task An_XLSX_sheet_imports_like_the_CSV_and_re_importing_either_changes_nothing()
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();

        var xlsx = await ImportClient.ImportAsync(client, await sample.ToXlsxAsync(), "commitments.xlsx");
        var csv = await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        Assert.Equal(("succeeded", "xlsx", 20, 18), (xlsx.Status, xlsx.Format, xlsx.Counts.Added, xlsx.Counts.ActionPlansAdded));
        Assert.Equal((20, 0), (csv.Counts.Unchanged, csv.Counts.Changed));
        var md = await client.GetAsync("/api/commitments/MD0070", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal(sample.Get("MD0070", "Full Text"), md.FullText);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task An_export_re_imports_to_no_change(string format)
    {
        var client = factory.CreateAdminClient();
        var sample = await SampleSheet.LoadAsync();
        sample.Set("AL0002", "Commitment Title", "=HYPERLINK(\"http://example.invalid\",\"click\")");
        sample.Set("AL0003", "Short Title", "-1 step");
        await ImportClient.ImportAsync(client, await sample.ToCsvAsync());

        var response = await client.GetAsync($"/api/commitments/export?format={format}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($".{format}", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var exported = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var cells = await ReadAllAsync(exported, format);
        Assert.Equal(SheetColumns.All.Select(c => c.Name), cells[0]);
        Assert.Equal(21, cells.Count);
        var al = cells.Single(r => r[0] == "AL0002");
        Assert.Equal("'=HYPERLINK(\"http://example.invalid\",\"click\")", al[cells[0].IndexOf("Commitment Title")]);
        Assert.Equal("'-1 step", cells.Single(r => r[0] == "AL0003")[cells[0].IndexOf("Short Title")]);

        var again = await ImportClient.ImportAsync(client, exported, $"export.{format}");
        Assert.Equal(("succeeded", 20, 0, 0, 0), (again.Status, again.Counts.Unchanged, again.Counts.Changed, again.Counts.Added, again.Counts.Removed));
        var title = (await client.GetAsync("/api/commitments/AL0002", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>()).Title;
        Assert.Equal("=HYPERLINK(\"http://example.invalid\",\"click\")", title);
    }

    [Fact]
    public async Task An_export_takes_the_lists_filters()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);

        var response = await client.GetAsync("/api/commitments/export?member=MWI", TestContext.Current.CancellationToken);
        var cells = await ReadAllAsync(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), "csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["MW0006", "MW0010"], cells.Skip(1).Select(r => r[0]));
        Assert.Equal(["format"], await ProblemAssert.ValidationErrorsAsync(await client.GetAsync("/api/commitments/export?format=pdf", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_Explorer_CSV_gets_derived_ids_and_never_removes_sheet_rows()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var explorer = Encoding.UTF8.GetBytes(
            ExplorerHeader + "\r\n" +
            "Bulgaria,2,Public Procurement,12,Introducing e-Procurement,\"Line one\nLine two\",1/3/2015,31/12/2016,Public Procurement Agency,NA\r\n" +
            "\"Scotland, United Kingdom\",2,Fiscal,3.1,Open budget,Text,NA,NA,Scottish Exchequer,NA\r\n" +
            "Freedonia,1,Budget,1,Open budget,Text,NA,NA,Treasury,NA\r\n");

        var job = await ImportClient.ImportAsync(client, explorer, "explorer.csv");

        Assert.Equal(("succeeded", "ogp-explorer"), (job.Status, job.Layout));
        Assert.Equal((3, 2, 1, 0), (job.Counts.RowsRead, job.Counts.Added, job.Counts.Rejected, job.Counts.Removed));
        Assert.Equal(new ImportRowErrorResponse(4, "Country", "Freedonia", "Unknown country: import OGP's commitment sheet first (it names every member), or use the member's OGP name."), Assert.Single(job.Errors));
        var bg = await client.GetAsync("/api/commitments/EX-BGR-02-12", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>();
        Assert.Equal(("AP_BGR02", "BGR", "Line one\nLine two", "12"), (bg.ActionPlanId, bg.MemberCode, bg.FullText, bg.CommitmentNumber));
        Assert.Equal("AP_GBSC02", (await client.GetAsync("/api/commitments/EX-GBSC-02-3.1", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>()).ActionPlanId);
        Assert.False((await client.GetAsync("/api/commitments/BG0039", TestContext.Current.CancellationToken).OkAsync<CommitmentResponse>()).Removed);

        var again = await ImportClient.ImportAsync(client, explorer, "explorer.csv");
        Assert.Equal((2, 0, 0), (again.Counts.Unchanged, again.Counts.Changed, again.Counts.Removed));
    }

    private static async Task<List<List<string>>> ReadAllAsync(byte[] content, string format)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
            await using var file = File.OpenRead(path);
            using var reader = SheetFiles.Open(file, format == "xlsx" ? SheetFormat.Xlsx : SheetFormat.Csv);
            var rows = new List<List<string>> { reader.Header.ToList() };
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add([.. Enumerable.Range(0, reader.Header.Count).Select(reader.Get)]);
            }

            return rows;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose() => factory.Dispose();
}
