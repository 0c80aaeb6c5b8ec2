using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommitmentTracker.Client;
using Sylvan.Data.Csv;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>
/// The tracker's commitments as the API exports them (OGP's columns; re-imported they change nothing), to change a few
/// cells of: the web tests share one host, so a modified copy of what is stored now changes only what a test means to.
/// </summary>
public sealed class ImportSheet
{
    private const string IdColumn = "Commitment Unique Identifier";

    private ImportSheet(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static async Task<ImportSheet> ExportedAsync(ICommitmentTrackerApi admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        await using var export = await admin.ExportCommitmentsAsync("csv", cancellationToken: TestContext.Current.CancellationToken);
        using var text = new StreamReader(export, Encoding.UTF8);
        await using var reader = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', MaxBufferSize = 1 << 24 });
        var records = new List<string[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add([.. Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString)]);
        }

        return new ImportSheet(records[0], records.Skip(1).ToList());
    }

    public string Get(string id, string column) => Row(id)[Column(column)];

    public ImportSheet Set(string id, string column, string value)
    {
        Row(id)[Column(column)] = value;
        return this;
    }

    public ImportSheet Remove(string id)
    {
        Rows.Remove(Row(id));
        return this;
    }

    /// <summary>A copy of <paramref name="id"/>'s row under another id (a commitment the tracker does not have, or an id it refuses).</summary>
    public ImportSheet Copy(string id, string newId)
    {
        var copy = (string[])Row(id).Clone();
        copy[Column(IdColumn)] = newId;
        Rows.Add(copy);
        return this;
    }

    /// <summary>RFC 4180: a field is quoted when it holds a comma, a quote or a line break.</summary>
    public byte[] ToCsv()
    {
        var csv = new StringBuilder();
        foreach (var record in Rows.Prepend(Header))
        {
            csv.AppendJoin(',', record.Select(field => field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private string[] Row(string id) => Rows.Single(r => r[Column(IdColumn)] == id);

    private int Column(string name) => Array.IndexOf(Header, name) is var index and >= 0 ? index : throw new ArgumentException($"No column {name}.", nameof(name));
}

/// <summary>Posts a file the way a browser's multipart form does, with the page's session cookies and antiforgery token.</summary>
public static class FileUpload
{
    public static async Task<Page> PostAsync(PageClient browser, Page page, string action, byte[] content, string fileName, string contentType = "text/csv")
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = browser.Address };
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        var response = await http.PostAsync(action, form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return await browser.GetAsync(response.Headers.Location!.OriginalString);
    }
}
