using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>OGP's real 20-row sample, read into memory so tests can change cells and write copies.</summary>
internal sealed class SampleSheet
{
    public static readonly string Path = System.IO.Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv");

    private SampleSheet(List<string> header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public List<string> Header { get; }

    public List<string[]> Rows { get; }

    public static byte[] Bytes => File.ReadAllBytes(Path);

    public static async Task<SampleSheet> LoadAsync()
    {
        await using var file = File.OpenRead(Path);
        using var reader = CsvSheetReader.Open(file);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add([.. Enumerable.Range(0, reader.Header.Count).Select(reader.Get)]);
        }

        return new SampleSheet([.. reader.Header], rows);
    }

    public string[] Row(string id) => Rows.Single(r => r[0] == id);

    public void Set(string id, string column, string value) => Row(id)[Header.IndexOf(column)] = value;

    public string Get(string id, string column) => Row(id)[Header.IndexOf(column)];

    public async Task<byte[]> ToCsvAsync()
    {
        using var output = new MemoryStream();
        await using (var writer = CsvSheetWriter.Create(output))
        {
            await writer.WriteRowAsync(Header, TestContext.Current.CancellationToken);
            foreach (var row in Rows)
            {
                await writer.WriteRowAsync(row, TestContext.Current.CancellationToken);
            }

            await writer.CompleteAsync(TestContext.Current.CancellationToken);
        }

        return output.ToArray();
    }

    public async Task<byte[]> ToXlsxAsync()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            await using (var writer = XlsxSheetWriter.Create(file))
            {
                await writer.WriteRowAsync(Header, TestContext.Current.CancellationToken);
                foreach (var row in Rows)
                {
                    await writer.WriteRowAsync(row, TestContext.Current.CancellationToken);
                }

                await writer.CompleteAsync(TestContext.Current.CancellationToken);
            }

            return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Uploads files to <c>POST /api/imports</c> and waits for the job to end.</summary>
internal static class ImportClient
{
    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, byte[] content, string fileName = "commitments.csv", bool dryRun = false)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync(dryRun ? "/api/imports?dryRun=true" : "/api/imports", form, TestContext.Current.CancellationToken);
    }

    /// <summary>Uploads and waits until the import has ended (any final status).</summary>
    public static async Task<ImportResponse> ImportAsync(HttpClient client, byte[] content, string fileName = "commitments.csv", bool dryRun = false)
    {
        var response = await PostFileAsync(client, content, fileName, dryRun);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        return await WaitAsync(client, location);
    }

    public static Task<ImportResponse> WaitAsync(HttpClient client, string location) =>
        Eventually.GetAsync(
            async () => (await client.GetFromJsonAsync<ImportResponse>(location, TestContext.Current.CancellationToken))!,
            job => job.Status is not ("queued" or "running"),
            TimeSpan.FromSeconds(30),
            $"the import at {location} to end");

    /// <summary>The events the service has stored for publishing, by contract name (the outbox: what the bus will carry).</summary>
    public static async Task<Dictionary<string, int>> OutboxCountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var types = await db.OutboxMessages.AsNoTracking().Select(m => m.MessageType).ToListAsync(TestContext.Current.CancellationToken);
        return types.GroupBy(t => t.Split(',')[0].Split('.')[^1]).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The stored events of one contract, oldest first, as consumers will receive them.</summary>
    public static async Task<List<TEvent>> EventsAsync<TEvent>(IServiceProvider services) where TEvent : class
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().EventsAsync<TEvent>();
    }

    public static int Count(this Dictionary<string, int> counts, string contract) => counts.GetValueOrDefault(contract);
}
