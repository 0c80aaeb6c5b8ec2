using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Refit;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// The distributed system with two instances of each service (CT_REPLICAS=2) behind the gateway, over RabbitMQ and
/// PostgreSQL (CT_DB_PROVIDER=Postgres: the AppHost runs Debian's PostgreSQL 15 as its own process, one database per
/// service and one for the gateway's key store).
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

        if (!File.Exists("/usr/lib/postgresql/15/bin/postgres"))
        {
            const string missing = "PostgreSQL 15 is not installed (tests/run.sh installs it: apt-get install -y postgresql).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true: the scaled-out system tests need PostgreSQL. " + missing);
            }

            SkipReason = missing;
            return;
        }

        system = new LocalDistributedSystem(AdminKey, new Dictionary<string, string> { ["CT_DB_PROVIDER"] = "Postgres" }, replicas: Replicas);
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
        const int events = 2000;
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

    [Fact]
    public async Task PostgreSQL_stopped_for_10_s_gives_writes_a_fast_503_health_names_the_database_and_nothing_is_lost()
    {
        system.RequireRunning();
        const string member = "PGD";
        var output = TestContext.Current.TestOutputHelper!;
        var cancellationToken = TestContext.Current.CancellationToken;
        // A write that hangs instead of answering fails here: far longer than the 3 s connect timeout behind a 503.
        using var http = system.CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(20);
        var accepted = new List<string>();
        var refused = new List<string>();
        var next = 0;

        async Task<HttpStatusCode> WriteAsync()
        {
            var id = $"AP_{member}{next++:D4}";
            using var response = await http.PostAsJsonAsync("/api/action-plans", new { actionPlanId = id, memberCode = member, memberName = "Outage Land" }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    accepted.Add(id);
                    break;
                case HttpStatusCode.ServiceUnavailable:
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.Contains("database", body, StringComparison.OrdinalIgnoreCase);
                    refused.Add(id);
                    break;
                default:
                    Assert.Fail($"{id}: {(int)response.StatusCode} {body}");
                    break;
            }

            return response.StatusCode;
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await WriteAsync());
        }

        await system.System.RunAsync("resource-stop", "postgres");
        var stopped = Stopwatch.StartNew();
        var healthSaid = string.Empty;
        using (var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
        {
            while (stopped.Elapsed < TimeSpan.FromSeconds(10))
            {
                await WriteAsync();
                // The first ActionPlans instance's own /health (the gateway's reports the gateway's checks).
                using var health = await direct.GetAsync(new Uri(new Uri($"http://127.0.0.1:{system.System.GatewayAddress.Port + 1}"), "/health"), cancellationToken);
                if (health.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    healthSaid = await health.Content.ReadAsStringAsync(cancellationToken);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }

        output.WriteLine($"{accepted.Count} writes accepted, {refused.Count} refused with a 503 while PostgreSQL was stopped for {stopped.Elapsed.TotalSeconds:0.0} s");
        await system.System.RunAsync("resource-start", "postgres");
        Assert.NotEmpty(refused);
        Assert.Contains("actionplans-database", healthSaid, StringComparison.Ordinal);

        // Back: writes succeed again, and every accepted write's event reaches the other services exactly once.
        await Eventually.UntilAsync(async () => await WriteAsync() == HttpStatusCode.Created, TimeSpan.FromMinutes(2), "writes to succeed again");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await WriteAsync());
        }

        await Eventually.UntilAsync(
            async () => (await system.AdminApi.ListActivityAsync(member: member, kind: "action-plan-imported", pageSize: 1, cancellationToken: cancellationToken)).Total >= accepted.Count,
            TimeSpan.FromMinutes(3), $"all {accepted.Count} accepted writes to reach Notifications");
        await Eventually.UntilAsync(async () => await MemberPlanCountAsync(member, cancellationToken) >= accepted.Count, TimeSpan.FromMinutes(2), "Engagement to count every accepted plan");
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var activity = await AllActivityAsync(member, cancellationToken);
        Assert.Equal(accepted.Count, activity.Count);
        Assert.Equal(accepted.Count, activity.Select(a => a.MessageId).Distinct().Count());
        Assert.Equal(accepted.Count, await MemberPlanCountAsync(member, cancellationToken));
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
