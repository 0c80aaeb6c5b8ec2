using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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

        system = new LocalDistributedSystem(AdminKey, new Dictionary<string, string>
        {
            ["CT_DB_PROVIDER"] = "Postgres",
            // The kill test's webhook receiver listens on this machine's loopback, which webhooks may not reach by default.
            ["Notifications__Webhooks__AllowList__0"] = "127.0.0.1",
            // Deliveries the killed instance had claimed are taken over when their lease ends (2 min by default).
            ["Notifications__Delivery__LeaseDuration"] = "00:00:10",
            // Likewise an import job whose runner was killed: taken by the other instance 5 s after its last renewal.
            ["Imports__LeaseDuration"] = "00:00:05",
            ["Imports__LeaseRenewal"] = "00:00:01",
        }, replicas: Replicas);
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

    /// <summary>
    /// 2,000 changes through the gateway: 1,500 action plans registered for one member, and 100 one-plan sheets of 5
    /// commitments each imported for 100 members of their own. Every commitment's text makes Tagging suggest tags,
    /// Engagement reassesses each member, and Notifications records every event and notifies a subscription
    /// (feed + webhook to a receiver on loopback) of every new plan and commitment.
    /// </summary>
    [Fact]
    public async Task Killing_one_instance_of_every_service_mid_flow_loses_no_event_duplicates_no_effect_and_both_consume_again()
    {
        system.RequireRunning();
        const int registrations = 1500;
        const int sheets = 100;
        const int rowsPerSheet = 5;
        const int changes = registrations + (sheets * rowsPerSheet);
        const string member = "SCL";
        string[] notifiedKinds = ["action-plan-imported", "commitment-added"];
        var output = TestContext.Current.TestOutputHelper!;
        var cancellationToken = TestContext.Current.CancellationToken;
        var api = system.AdminApi;
        var effects = new ScaleOutEffects(system.System);
        var sheetMembers = Enumerable.Range(0, sheets).Select(SheetMember).ToArray();
        string[] members = [member, .. sheetMembers];
        var consumersBefore = await system.ConsumersPerQueueAsync();
        Assert.NotEmpty(consumersBefore);

        using var receiver = new WebhookReceiver();
        var subscription = await api.CreateSubscriptionAsync(new CreateSubscriptionRequest(
            "scale-out", null, null, notifiedKinds, ["feed", "webhook"], null, receiver.Url, null, null, null, null), cancellationToken);
        receiver.Secret = subscription.WebhookSecret;
        var subscriptionId = subscription.Subscription.Id;
        try
        {
            var posted = 0;
            var resent = 0;
            var imports = new ConcurrentDictionary<int, ConcurrentBag<Guid>>();
            var clock = Stopwatch.StartNew();
            var back = new TaskCompletionSource();

            // After ~30 % of the changes, kill -9 the first instance of every service, then start them again while the rest
            // flows; the last 30 % wait until they are back, so the restarted instances take part in the flow.
            var fault = Task.Run(async () =>
            {
                await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref posted) >= changes * 3 / 10), TimeSpan.FromMinutes(2), "30 % of the changes");
                foreach (var service in ScaledOutSystem.Services)
                {
                    await system.System.RunAsync("resource-kill", $"{service}-1");
                }

                output.WriteLine($"{clock.ElapsedMilliseconds} ms: one instance of every service killed after {Volatile.Read(ref posted)} changes");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                // One at a time, each answering once its instance is healthy: four starting at once on 2 busy cores can
                // take a start past its database connect timeout.
                foreach (var service in ScaledOutSystem.Services)
                {
                    await system.System.RunAsync("resource-start", $"{service}-1");
                }

                output.WriteLine($"{clock.ElapsedMilliseconds} ms: all started again, {Volatile.Read(ref posted)} changes posted");
                back.SetResult();
            }, cancellationToken);

            // One work item in 16 is a sheet (5 changes), the others a registration (1): 1,500 + 100 × 5.
            using var http = system.CreateHttpClient();
            await Parallel.ForEachAsync(Enumerable.Range(0, registrations + sheets), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, ct) =>
            {
                if (item >= (registrations + sheets) * 7 / 10)
                {
                    // A fault task that failed (an instance that would not start) ends the flow with its error, not a hang.
                    await await Task.WhenAny(back.Task, fault);
                }

                if (item % ((registrations + sheets) / sheets) == 0)
                {
                    var sheet = item / ((registrations + sheets) / sheets);
                    Interlocked.Add(ref resent, await PostSheetAsync(http, sheet, rowsPerSheet, imports, ct));
                    Interlocked.Add(ref posted, rowsPerSheet);
                    return;
                }

                var number = item - (item / ((registrations + sheets) / sheets)) - 1;
                var request = new RegisterActionPlanRequest { ActionPlanId = $"AP_{member}{number:D4}", MemberCode = member, MemberName = "Scale Land" };
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
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: all {changes} changes sent ({resent} requests sent again after meeting a dead instance)");
            await fault;

            // Each sheet has at least one import that succeeded; one that ended otherwise is reported and its sheet sent again.
            var endings = await FinishImportsAsync(http, imports, rowsPerSheet, cancellationToken);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: every sheet imported; import jobs: {string.Join(", ", endings.Select(e => $"{e.Value} {e.Key}"))}");

            // Everything consumed everywhere: Engagement applied every plan and commitment, Notifications recorded every
            // event (the assessments Engagement announced included), and every webhook went out.
            var expectedActivity = new Dictionary<string, long> { ["action-plan-imported"] = registrations + sheets, ["commitment-added"] = sheets * rowsPerSheet };
            // Each look reads four databases: once a second, not Eventually's 25 ms, on 2 busy cores.
            await Eventually.UntilAsync(
                async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    return await effects.EngagementProjectionAsync(members, cancellationToken) == (sheets * rowsPerSheet, registrations + sheets);
                },
                TimeSpan.FromMinutes(4), "Engagement to apply every plan and commitment");
            await Eventually.GetAsync(
                async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    var activity = await effects.ActivityAsync(members, cancellationToken);
                    var (history, _) = await effects.AssessmentsAsync(members, cancellationToken);
                    var suggestions = await effects.SuggestionsAsync(sheetMembers, cancellationToken);
                    var queued = suggestions.Count(s => s.Status == "pending");
                    var done = expectedActivity.All(e => activity.GetValueOrDefault(e.Key).Rows >= e.Value)
                               && activity.GetValueOrDefault("engagement-assessed").Rows >= history.Count(h => h.Announced)
                               && suggestions.Select(s => s.CommitmentId).Distinct().Count() >= sheets * rowsPerSheet
                               && activity.GetValueOrDefault("tag-suggested").Rows >= queued;
                    return (Done: done, State: $"activity {string.Join(", ", activity.Select(a => $"{a.Key} {a.Value.Rows}"))}; history {history.Count} ({history.Count(h => h.Announced)} announced); suggestions {suggestions.Count} ({queued} queued) of {suggestions.Select(s => s.CommitmentId).Distinct().Count()} commitments");
                },
                state => state.Done, TimeSpan.FromMinutes(4), "Notifications to record every event");
            var notified = (long)(registrations + sheets + (sheets * rowsPerSheet));
            await Eventually.GetAsync(
                async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    return await effects.NotificationsAsync(subscriptionId, "webhook", "sent", cancellationToken);
                },
                webhooks => webhooks.InStatus >= notified,
                TimeSpan.FromMinutes(4), $"all {notified} webhooks to be sent");
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: every event consumed, every webhook sent");

            // Redeliveries after the kill may still be in flight: let them land, then count effects.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var report = new List<string>();

            // Notifications: one activity row per event, by count and by distinct message id.
            var finalActivity = await effects.ActivityAsync(members, cancellationToken);
            report.Add($"activity rows by kind (rows/message ids): {string.Join(", ", finalActivity.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value.Rows}/{a.Value.MessageIds}"))}");
            foreach (var (kind, expected) in expectedActivity)
            {
                Assert.Equal((expected, expected), finalActivity.GetValueOrDefault(kind));
            }

            Assert.All(finalActivity, a => Assert.Equal(a.Value.Rows, a.Value.MessageIds));
            // One ImportCompleted per import job that ended, however it ended: a job whose runner was killed is finished by
            // one instance only (its lease; ImportLeaseScaleOutTests follows one such import closely). The jobs are counted
            // in ActionPlans' database: a POST that met the dying instance may have queued a job whose id never came back
            // (the sheet was sent again), and that job runs too, once.
            var jobs = await Eventually.GetAsync(() => effects.ImportJobsAsync("scale-out-", cancellationToken),
                j => j.Open == 0, TimeSpan.FromMinutes(3), "every stored scale-out import job to end");
            Assert.True(jobs.Ended >= endings.Values.Sum(), $"{jobs.Ended} stored jobs ended, {endings.Values.Sum()} known to the test");
            var completed = await Eventually.GetAsync(() => effects.ImportsCompletedAsync("Import of scale-out-", cancellationToken),
                c => c.Rows >= jobs.Ended, TimeSpan.FromSeconds(60), "an ImportCompleted activity row for every import job that ended");
            report.Add($"import-completed: {completed.Rows} rows ({completed.MessageIds} message ids) for {jobs.Ended} import jobs ({endings.Values.Sum()} known to the test)");
            Assert.Equal((jobs.Ended, jobs.Ended), completed);

            // Tagging: each commitment has the suggestions its text earns, once each; a TagSuggested for each queued one.
            var suggestions = await effects.SuggestionsAsync(sheetMembers, cancellationToken);
            report.Add($"suggestions: {suggestions.Count} ({suggestions.Select(s => (s.CommitmentId, s.Tag)).Distinct().Count()} distinct commitment+tag, {suggestions.Count(s => s.Status == "pending")} queued)");
            Assert.Equal(sheets * rowsPerSheet, suggestions.Select(s => s.CommitmentId).Distinct().Count());
            Assert.All(suggestions.GroupBy(s => s.CommitmentId), commitment =>
                Assert.Equal(commitment.Key.EndsWith("0001", StringComparison.Ordinal) ? OpenContractingSuggestions : EProcurementSuggestions, commitment.Select(s => (s.Tag, s.Status)).Order()));
            Assert.Equal((long)sheets * (rowsPerSheet + 1), finalActivity.GetValueOrDefault("tag-suggested").Rows);

            // Engagement: each member's history is versions 1..n once each, n its current version; each announced step
            // reached Notifications once.
            var (assessments, current) = await effects.AssessmentsAsync(members, cancellationToken);
            report.Add($"assessment history: {assessments.Count} versions of {current.Count} members, {assessments.Count(h => h.Announced)} announced");
            Assert.Equal(members.Order(StringComparer.Ordinal), current.Keys.Order(StringComparer.Ordinal));
            Assert.All(assessments.GroupBy(h => h.MemberCode), history =>
                Assert.Equal(Enumerable.Range(1, current[history.Key]), history.Select(h => h.Version).Order()));
            Assert.True(assessments.Count(h => h.Announced) >= sheets, "each sheet's open contracting commitment moves its member's assessment");
            Assert.Equal(assessments.Count(h => h.Announced), finalActivity.GetValueOrDefault("engagement-assessed").Rows);

            // Notifications: the subscription has one feed item and one webhook delivery per new plan and commitment,
            // none missing, none extra, none twice.
            foreach (var (channel, status) in new[] { ("feed", "in-feed"), ("webhook", "sent") })
            {
                var rows = await effects.NotificationsAsync(subscriptionId, channel, status, cancellationToken);
                var gaps = await effects.NotificationGapsAsync(subscriptionId, channel, members, notifiedKinds, cancellationToken);
                report.Add($"{channel}: {rows.Rows} rows, {rows.MessageIds} distinct events, {rows.InStatus} {status}, {gaps.Missing} events missing, {gaps.Strays} strays");
                Assert.Equal((notified, notified, notified), rows);
                Assert.Equal((0L, 0L), gaps);
            }

            // The receiver: every delivery arrived (signed), at least once. A kill mid-send can repeat a call (deliveries
            // are at-least-once; the delivery id lets a receiver drop the repeat): counted and reported, not hidden.
            var deliveries = await effects.WebhookDeliveriesAsync(subscriptionId, cancellationToken);
            var calls = receiver.Received.ToList();
            var received = calls.Select(c => JsonSerializer.Deserialize<WebhookBody>(c.Body, JsonSerializerOptions.Web)!).ToList();
            var repeats = received.GroupBy(b => b.DeliveryId).Where(g => g.Count() > 1).ToList();
            report.Add($"receiver: {calls.Count} calls, {received.Select(b => b.DeliveryId).Distinct().Count()} distinct deliveries, {calls.Count - received.Select(b => b.DeliveryId).Distinct().Count()} repeated calls ({repeats.Count} deliveries called more than once), {calls.Count(c => !c.Valid)} with a bad signature");
            Assert.All(calls, c => Assert.True(c.Valid, "every call's signature verifies"));
            Assert.Empty(deliveries.Keys.Except(received.Select(b => b.DeliveryId)));
            Assert.Empty(received.Select(b => b.DeliveryId).Except(deliveries.Keys));
            Assert.All(received, b => Assert.Equal(deliveries[b.DeliveryId], b.EventId));

            // The public API agrees for the first member.
            Assert.Equal(registrations, (await api.ListActivityAsync(member: member, kind: "action-plan-imported", pageSize: 1, cancellationToken: cancellationToken)).Total);
            Assert.Equal(registrations, await MemberPlanCountAsync(member, cancellationToken));

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
            report.Add($"{clock.ElapsedMilliseconds} ms: checked");
            report.ForEach(output.WriteLine);
        }
        finally
        {
            // Later tests of the collection send events too: they are not this receiver's.
            await api.DeleteSubscriptionAsync(subscriptionId, CancellationToken.None);
        }
    }

    /// <summary>The member of sheet <paramref name="sheet"/>: QAA … QJJ (Q… codes are user-assigned in ISO 3166, none is a country).</summary>
    private static string SheetMember(int sheet) => $"Q{(char)('A' + (sheet / 10))}{(char)('A' + (sheet % 10))}";

    /// <summary>What Tagging's rules make of the first row of each sheet (as its unit tests show): OGP's flag and OCDS.</summary>
    private static readonly (string, string)[] OpenContractingSuggestions = [("oc-disclosure", "pending"), ("open-contracting", "pending"), ("public-procurement", "held")];

    /// <summary>… and of the others: the text alone is weak evidence of public procurement, which is held, not queued.</summary>
    private static readonly (string, string)[] EProcurementSuggestions = [("e-procurement", "pending"), ("public-procurement", "held")];

    /// <summary>
    /// A one-plan sheet of <paramref name="rows"/> commitments: the first flagged open contracting by OGP with an IRM
    /// completion (so Engagement's assessment of the member moves and is announced), the others about e-procurement.
    /// </summary>
    private static byte[] Sheet(int sheet, int rows)
    {
        var code = SheetMember(sheet);
        var csv = new StringBuilder("Commitment Unique Identifier,Country/Locality,Code,Action Plan ID,Action Plan Number,Year Of Submission,Action Plan End Year,Commitment Title,Full Text,Open Contracting,Completion (Progress Report)\r\n");
        csv.Append(CultureInfo.InvariantCulture, $"{code}0001,Scale {code},{code},AP_{code}01,1,2025,2027,Open contracting,We will publish data using the Open Contracting Data Standard (OCDS) for all procurement.,1,Substantial\r\n");
        for (var row = 2; row <= rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{code}{row:D4},Scale {code},{code},AP_{code}01,1,2025,2027,Introducing e-procurement {row},An e-procurement platform.,0,\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// Posts a sheet until an import job is accepted (a POST that met the killed instance may or may not have queued one:
    /// both are kept and waited for); returns how many times it was sent again.
    /// </summary>
    private static async Task<int> PostSheetAsync(HttpClient http, int sheet, int rows, ConcurrentDictionary<int, ConcurrentBag<Guid>> imports, CancellationToken cancellationToken)
    {
        var jobs = imports.GetOrAdd(sheet, _ => []);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(Sheet(sheet, rows));
                file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                form.Add(file, "file", $"scale-out-{SheetMember(sheet)}.csv");
                using var response = await http.PostAsync("/api/imports", form, cancellationToken);
                if (response.StatusCode >= HttpStatusCode.InternalServerError && attempt < 30)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                    continue;
                }

                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                jobs.Add((await response.Content.ReadFromJsonAsync<ImportResponse>(cancellationToken))!.Id);
                return attempt - 1;
            }
            catch (HttpRequestException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Waits for every import job to end; a sheet none of whose jobs succeeded is sent again. Returns the jobs' endings
    /// by status ("succeeded", or "failed: why").
    /// </summary>
    private static async Task<Dictionary<string, int>> FinishImportsAsync(HttpClient http, ConcurrentDictionary<int, ConcurrentBag<Guid>> imports, int rows, CancellationToken cancellationToken)
    {
        var endings = new Dictionary<string, int>(StringComparer.Ordinal);
        var waited = new HashSet<Guid>();
        var imported = new HashSet<int>();
        for (var round = 1; ; round++)
        {
            var retry = new List<int>();
            foreach (var (sheet, jobs) in imports.OrderBy(i => i.Key))
            {
                foreach (var job in jobs.Where(waited.Add))
                {
                    // Jobs queued in the killed instance wait for its restart, which takes them back.
                    var done = await Eventually.GetAsync(() => http.GetFromJsonAsync<ImportResponse>($"/api/imports/{job}", cancellationToken)!,
                        j => j!.Status is not ("queued" or "running"), TimeSpan.FromMinutes(3), $"import {job} of sheet {sheet} to end");
                    var ending = done!.Status == "succeeded" ? done.Status : $"{done.Status}: {done.Error}";
                    endings[ending] = endings.GetValueOrDefault(ending) + 1;
                    if (done.Status == "succeeded")
                    {
                        imported.Add(sheet);
                    }
                }

                if (!imported.Contains(sheet))
                {
                    retry.Add(sheet);
                }
            }

            if (retry.Count == 0)
            {
                return endings;
            }

            Assert.True(round < 3, $"sheets {string.Join(", ", retry)} did not import in {round} rounds: {string.Join("; ", endings.Select(e => $"{e.Value} {e.Key}"))}");
            foreach (var sheet in retry)
            {
                await PostSheetAsync(http, sheet, rows, imports, cancellationToken);
            }
        }
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
