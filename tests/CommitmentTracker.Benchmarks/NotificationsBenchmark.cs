using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// Distributed mode over RabbitMQ, everything through the gateway: (1) a commitment change imported as a sheet →
/// the signed webhook received, one change at a time; (2) the delivery rate when 100 changed commitments fan out to
/// 100 webhook subscriptions (10 000 signed calls). The receiver is a local HttpListener that verifies signatures.
/// Reported, never asserted.
/// </summary>
internal static class NotificationsBenchmark
{
    private const int Warmup = 10;
    private const int Changes = 60;
    private const int FanOutSubscriptions = 100;
    private const int FanOutCommitments = 100;
    private const string Header = "Country,Action Plan Number,Theme,Comm No,Commitment Title,Full Text,Start Date,End Date,Lead Institution,Supporting Institution(s)\r\n";

    public static async Task RunAsync()
    {
        using var receiver = new WebhookReceiver();
        // Instances of each service and the database of the run, as distributed.sh takes them (issue 20 compares 1 and 2).
        var replicas = int.Parse(Environment.GetEnvironmentVariable("CT_REPLICAS") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var provider = Environment.GetEnvironmentVariable("CT_DB_PROVIDER") ?? "Sqlite";
        await using var system = new LocalDistributedSystem(EmbeddedHostProcess.AdminKey, new Dictionary<string, string>
        {
            ["Notifications__Webhooks__AllowList__0"] = "127.0.0.1",
            ["CT_DB_PROVIDER"] = provider,
        }, replicas);
        await system.RunAsync("start");
        Console.WriteLine($"Distributed: {replicas} instance(s) of each service, {provider}, RabbitMQ, through the gateway.");
        using var client = Http.Client(system.GatewayAddress, EmbeddedHostProcess.AdminKey);

        // (1) Latency: one commitment of Romania's plan, its title changed by each import.
        await ImportAsync(client, "Romania", 3, [(1, "Open procurement version 0")]);
        await WaitForMemberAsync(client, "ROU");
        var hook = await SubscribeAsync(client, receiver, "latency", "ROU");
        var latencies = new List<double>();
        for (var i = 1; i <= Warmup + Changes; i++)
        {
            var title = $"Open procurement version {i}";
            var before = receiver.Received.Count;
            var start = Stopwatch.GetTimestamp();
            await ImportAsync(client, "Romania", 3, [(1, title)]);
            var call = await Eventually.GetAsync(
                () => Task.FromResult(receiver.Received.Skip(before).FirstOrDefault(r => r.Body.Contains(title, StringComparison.Ordinal))),
                r => r is not null, TimeSpan.FromSeconds(30), $"the webhook of change {i}");
            if (!call!.Valid)
            {
                throw new InvalidOperationException("The receiver could not verify a signature.");
            }

            if (i > Warmup)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, call.At).TotalMilliseconds);
            }
        }

        Console.WriteLine($"{Changes} changes one after another (after {Warmup} warm-up): POST /api/imports of a one-row sheet through the gateway → background import → CommitmentChanged over RabbitMQ → Notifications → signed webhook received.");
        Console.WriteLine(Percentiles.Header);
        Console.WriteLine(Percentiles.Row("import through the gateway → webhook received", latencies));
        await DeleteAsync(client, hook);

        // (2) Delivery rate: 100 commitments of Chile's plan change in one import; 100 subscriptions each hear all of them.
        var rows = Enumerable.Range(1, FanOutCommitments).Select(n => (n, $"Commitment {n} first text")).ToList();
        await ImportAsync(client, "Chile", 4, rows);
        await WaitForMemberAsync(client, "CHL");
        for (var s = 0; s < FanOutSubscriptions; s++)
        {
            await SubscribeAsync(client, receiver, $"rate-{s}", "CHL");
        }

        var already = receiver.Received.Count;
        var expected = FanOutSubscriptions * FanOutCommitments;
        var begin = Stopwatch.GetTimestamp();
        await ImportAsync(client, "Chile", 4, [.. rows.Select(r => (r.n, $"Commitment {r.n} second text"))]);
        var imported = Stopwatch.GetElapsedTime(begin);
        await Eventually.UntilAsync(() => Task.FromResult(receiver.Received.Count - already >= expected), TimeSpan.FromMinutes(15), $"{expected} webhook calls");
        var calls = receiver.Received.Skip(already).ToList();
        var first = calls.Min(c => c.At);
        var last = calls.Max(c => c.At);
        var spread = Stopwatch.GetElapsedTime(first, last);
        var total = Stopwatch.GetElapsedTime(begin, last);
        Console.WriteLine();
        Console.WriteLine($"| fan-out | notifications | valid signatures | import (HTTP answer) | first → last call | end to end | delivery rate |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {FanOutCommitments} changed commitments × {FanOutSubscriptions} webhook subscriptions | {calls.Count} | {calls.Count(c => c.Valid)} | {imported.TotalSeconds:0.0} s | {spread.TotalSeconds:0.0} s | {total.TotalSeconds:0.0} s | {calls.Count / spread.TotalSeconds:0} /s ({calls.Count / total.TotalSeconds:0} /s end to end) |"));
    }

    private static async Task ImportAsync(HttpClient client, string country, int plan, IReadOnlyList<(int Number, string Title)> rows)
    {
        var csv = new StringBuilder(Header);
        foreach (var (number, title) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{country},{plan},Public Procurement,{number},{title},Publish procurement data,1/1/2017,31/12/2018,Agency,NA\r\n");
        }

        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "sheet.csv");
        using var response = await client.PostAsync("/api/imports", content);
        response.EnsureSuccessStatusCode();
        var job = await response.Content.ReadFromJsonAsync<ImportResponse>();
        var done = await Eventually.GetAsync(() => client.GetFromJsonAsync<ImportResponse>($"/api/imports/{job!.Id}")!, j => j!.Status is not ("queued" or "running"), TimeSpan.FromMinutes(2), "the import");
        if (done!.Status != "succeeded" || done.Counts.Rejected > 0)
        {
            throw new InvalidOperationException($"The import ended {done.Status} with {done.Counts.Rejected} rejected row(s).");
        }
    }

    private static Task WaitForMemberAsync(HttpClient client, string member) =>
        Eventually.UntilAsync(async () => (await client.GetFromJsonAsync<PagedResponse<ActivityEntryResponse>>($"/api/activity?member={member}&kind=action-plan-imported"))!.Total > 0,
            TimeSpan.FromSeconds(60), $"Notifications to know {member}");

    private static async Task<Guid> SubscribeAsync(HttpClient client, WebhookReceiver receiver, string name, string member)
    {
        using var response = await client.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest(
            name, [member], null, ["commitment-changed"], ["webhook"], null, receiver.UrlFor(name), null, null, null, null));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<SubscriptionWithSecretResponse>(JsonSerializerOptions.Web))!;
        receiver.SecretsByPath[$"/hook/{name}"] = created.WebhookSecret!;
        return created.Subscription.Id;
    }

    private static async Task DeleteAsync(HttpClient client, Guid subscription)
    {
        using var response = await client.DeleteAsync($"/api/subscriptions/{subscription}");
        response.EnsureSuccessStatusCode();
    }
}
