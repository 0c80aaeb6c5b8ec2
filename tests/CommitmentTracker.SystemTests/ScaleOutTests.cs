using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Refit;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// The distributed system with two instances of each service (CT_REPLICAS=2) behind the gateway, over RabbitMQ and
/// SQLite (both instances of a service share its file: WAL and a busy timeout let two writer processes take turns).
/// Without RabbitMQ installed the tests skip, except under CI=true, where they fail.
/// </summary>
public sealed class ScaledOutSystem : IAsyncLifetime
{
    public const string AdminKey = "scale-out-admin-key-0123456789";
    public const int Replicas = 2;

    /// <summary>The four services: the name of each one's instances is service-1 … service-N.</summary>
    public static readonly string[] Services = ["actionplans", "tagging", "engagement", "notifications"];

    private LocalDistributedSystem? system;

    public string? SkipReason { get; private set; }

    public LocalDistributedSystem System => system ?? throw new InvalidOperationException(SkipReason);

    public ICommitmentTrackerApi AdminApi => CommitmentTrackerClient.Create(System.GatewayAddress, AdminKey);

    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient { BaseAddress = System.GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public void RequireRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>Consumers per queue, from the broker: each instance of a service holds its own consumer on each of its queues.</summary>
    public async Task<Dictionary<string, int>> ConsumersPerQueueAsync()
    {
        var table = await System.RunAsync("broker-queues");
        return table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2 && int.TryParse(fields[1], out _) && !fields[0].StartsWith('['))
            .ToDictionary(fields => fields[0], fields => int.Parse(fields[1], global::System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask InitializeAsync()
    {
        if (!LocalDistributedSystem.RabbitMqInstalled)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true: system tests need their broker. " + LocalDistributedSystem.RabbitMqMissingReason);
            }

            SkipReason = LocalDistributedSystem.RabbitMqMissingReason;
            return;
        }

        system = new LocalDistributedSystem(AdminKey, replicas: Replicas);
        await system.RunAsync("start");
    }

    public async ValueTask DisposeAsync()
    {
        if (system is not null)
        {
            await system.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedScaledOutSystem : ICollectionFixture<ScaledOutSystem>
{
    public const string Name = "scaled-out system";
}

[Collection(SharedScaledOutSystem.Name)]
public sealed class ScaleOutTests(ScaledOutSystem system)
{
    /// <summary>The gateway's active health check runs every 5 s (appsettings.json): two rounds see an instance back.</summary>
    private static readonly TimeSpan GatewaySeesItBack = TimeSpan.FromSeconds(11);

    [Fact]
    public async Task A_rolling_restart_of_every_service_under_a_steady_read_load_fails_no_request()
    {
        system.RequireRunning();
        var output = TestContext.Current.TestOutputHelper!;
        var cancellationToken = TestContext.Current.CancellationToken;
        string[] reads = ["/api/action-plans?pageSize=5", "/api/tags", "/api/engagement?pageSize=5", "/api/activity?pageSize=5"];
        var failures = new ConcurrentQueue<string>();
        var served = 0;
        using var restarting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Steady, not saturating: two readers with a short pause, so the 2 cores still start the restarted instances.
        var load = Enumerable.Range(0, 2).Select(worker => Task.Run(async () =>
        {
            using var http = system.CreateHttpClient();
            for (var i = worker; !restarting.IsCancellationRequested; i++)
            {
                var path = reads[i % reads.Length];
                try
                {
                    using var response = await http.GetAsync(path, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    failures.Enqueue($"{path}: {exception.Message}");
                }

                Interlocked.Increment(ref served);
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }, cancellationToken)).ToArray();

        var clock = Stopwatch.StartNew();
        foreach (var service in ScaledOutSystem.Services)
        {
            for (var instance = 1; instance <= ScaledOutSystem.Replicas; instance++)
            {
                // Stops the instance (SIGTERM: Kestrel finishes what it serves), starts it, waits until /alive answers.
                await system.System.RunAsync("resource-restart", $"{service}-{instance}");
                output.WriteLine($"{clock.ElapsedMilliseconds} ms: {service}-{instance} restarted, {Volatile.Read(ref served)} reads served, {failures.Count} failed");
                await Task.Delay(GatewaySeesItBack, cancellationToken);
            }
        }

        await restarting.CancelAsync();
        await Task.WhenAll(load);
        output.WriteLine($"{served} reads during the rolling restart of {ScaledOutSystem.Services.Length * ScaledOutSystem.Replicas} instances");
        Assert.True(served > 100, $"only {served} reads were made");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Killing_one_instance_of_every_service_mid_flow_loses_no_event_duplicates_no_effect_and_both_consume_again()
    {
        system.RequireRunning();
        const int events = 600;
        const string member = "SCL";
        var output = TestContext.Current.TestOutputHelper!;
        var cancellationToken = TestContext.Current.CancellationToken;
        var api = system.AdminApi;
        var consumersBefore = await system.ConsumersPerQueueAsync();
        Assert.NotEmpty(consumersBefore);
        var posted = 0;
        var resent = 0;
        var clock = Stopwatch.StartNew();

        // After ~30 % of the changes, kill -9 the first instance of every service, then start them again while the rest flows.
        var fault = Task.Run(async () =>
        {
            await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref posted) >= events * 3 / 10), TimeSpan.FromMinutes(2), "30 % of the changes");
            foreach (var service in ScaledOutSystem.Services)
            {
                await system.System.RunAsync("resource-kill", $"{service}-1");
            }

            output.WriteLine($"{clock.ElapsedMilliseconds} ms: one instance of every service killed after {Volatile.Read(ref posted)} changes");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            foreach (var service in ScaledOutSystem.Services)
            {
                await system.System.RunAsync("resource-start", $"{service}-1");
            }

            output.WriteLine($"{clock.ElapsedMilliseconds} ms: all started again, {Volatile.Read(ref posted)} changes posted");
        }, cancellationToken);

        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var request = new RegisterActionPlanRequest { ActionPlanId = $"AP_{member}{i:D4}", MemberCode = member, MemberName = "Scale Land" };
            // A POST that met the killed instance is not retried by the gateway (it may have been executed): the caller
            // sends it again, and a 409 says the first one did go through.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await api.RegisterActionPlanAsync(request, cancellationToken: ct);
                    break;
                }
                catch (ApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict && attempt > 1)
                {
                    break;
                }
                catch (Exception exception) when (attempt < 30 && exception is HttpRequestException or ApiException { StatusCode: >= HttpStatusCode.InternalServerError })
                {
                    Interlocked.Increment(ref resent);
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                }
            }

            Interlocked.Increment(ref posted);
        });
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: all {events} changes committed ({resent} sent again after meeting a dead instance)");
        await fault;

        await Eventually.UntilAsync(
            async () => (await api.ListActivityAsync(member: member, kind: "action-plan-imported", pageSize: 1, cancellationToken: cancellationToken)).Total >= events,
            TimeSpan.FromMinutes(4), $"all {events} events to reach Notifications");
        await Eventually.UntilAsync(async () => await MemberPlanCountAsync(member, cancellationToken) >= events, TimeSpan.FromMinutes(2), "Engagement to count every plan");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: every event consumed");

        // Redeliveries after the kill may still be in flight: let them land, then count effects.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var activity = await AllActivityAsync(member, cancellationToken);
        Assert.Equal(events, activity.Count);
        Assert.Equal(events, activity.Select(a => a.MessageId).Distinct().Count());
        Assert.Equal(events, await MemberPlanCountAsync(member, cancellationToken));

        // Both instances consume again: every queue has as many consumers as before the kill.
        await Eventually.UntilAsync(
            async () =>
            {
                var now = await system.ConsumersPerQueueAsync();
                return consumersBefore.All(queue => now.GetValueOrDefault(queue.Key) == queue.Value);
            },
            TimeSpan.FromMinutes(1),
            "every queue to have its consumers back");
        Assert.Contains(consumersBefore, queue => queue.Value >= ScaledOutSystem.Replicas);
    }

    private async Task<int> MemberPlanCountAsync(string member, CancellationToken cancellationToken)
    {
        var page = await system.AdminApi.ListEngagementAsync(pageSize: 200, cancellationToken: cancellationToken);
        return page.Items.FirstOrDefault(m => m.MemberCode == member)?.ActionPlanCount ?? 0;
    }

    private async Task<List<ActivityEntryResponse>> AllActivityAsync(string member, CancellationToken cancellationToken)
    {
        var all = new List<ActivityEntryResponse>();
        for (var page = 1; ; page++)
        {
            var result = await system.AdminApi.ListActivityAsync(member: member, kind: "action-plan-imported", page: page, pageSize: 200, cancellationToken: cancellationToken);
            all.AddRange(result.Items);
            if (all.Count >= result.Total || result.Items.Count == 0)
            {
                return all;
            }
        }
    }
}
