using System.Diagnostics;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// Commit → consumer latency: ActionPlans takes OccurredAt just before the SaveChanges that commits a plan and its
/// outbox row; the Notifications consumer records ReceivedAt when it handles the event (relay + bus + inbox between).
/// Both clocks are this machine's.
/// </summary>
internal static class LatencyBenchmark
{
    // The first events after a start run on tier-0 JIT code in every process (5 processes on 2 cores when
    // distributed): reported apart as "cold"; "warm" is measured after a further warm-up.
    private const int Cold = 100;
    private const int Warmup = 200;
    private const int Events = 300;
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(10);

    public static async Task EmbeddedAsync()
    {
        var data = Directory.CreateTempSubdirectory("ct-bench-latency-");
        try
        {
            await using var host = EmbeddedHostProcess.Start(data.FullName);
            using var client = Http.Client(host.Address, EmbeddedHostProcess.AdminKey);
            await Http.WaitForOkAsync(client, "/health", Stopwatch.StartNew(), TimeSpan.FromMinutes(1));
            await MeasureAsync("embedded (in-memory bus, SQLite)", client);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    public static async Task RabbitMqAsync()
    {
        await using var system = new LocalDistributedSystem(EmbeddedHostProcess.AdminKey);
        await system.RunAsync("start");
        using var client = Http.Client(system.GatewayAddress, EmbeddedHostProcess.AdminKey);
        await MeasureAsync("distributed (RabbitMQ, one process per service, via the gateway)", client);
    }

    private static async Task MeasureAsync(string label, HttpClient client)
    {
        var member = string.Concat(Enumerable.Range(0, 4).Select(_ => (char)('A' + Random.Shared.Next(26))));
        var total = Cold + Warmup + Events;
        for (var i = 0; i < total; i++)
        {
            var response = await client.PostAsJsonAsync("/api/action-plans", new RegisterActionPlanRequest { ActionPlanId = $"AP_{member}{i:D4}", MemberCode = member, MemberName = "Bench" });
            response.EnsureSuccessStatusCode();
            await Task.Delay(Gap);
        }

        var entries = await Eventually.GetAsync(() => ActivityOfAsync(client, member), all => all.Count >= total, TimeSpan.FromMinutes(2), "every event to be consumed");
        var inOrder = entries.OrderBy(e => e.OccurredAt).Select(e => (e.ReceivedAt - e.OccurredAt).TotalMilliseconds).ToList();
        Console.WriteLine($"Events posted one at a time, {Gap.TotalMilliseconds} ms apart; latency = consumer's ReceivedAt − OccurredAt (taken just before the commit of the plan and its outbox row).");
        Console.WriteLine(Percentiles.Header);
        Console.WriteLine(Percentiles.Row($"{label}, cold: first {Cold} events after start", inOrder.Take(Cold)));
        Console.WriteLine(Percentiles.Row($"{label}, warm: after {Cold + Warmup} events", inOrder.Skip(Cold + Warmup)));
    }

    private static async Task<List<ActivityEntryResponse>> ActivityOfAsync(HttpClient client, string member)
    {
        var all = new List<ActivityEntryResponse>();
        for (var page = 1; ; page++)
        {
            var result = await client.GetFromJsonAsync<PagedResponse<ActivityEntryResponse>>($"/api/activity?member={member}&kind=action-plan-imported&pageSize=200&page={page}");
            all.AddRange(result!.Items);
            if (all.Count >= result.Total || result.Items.Count == 0)
            {
                return all;
            }
        }
    }
}
