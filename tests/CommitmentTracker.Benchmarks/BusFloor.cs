using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CommitmentTracker.Messaging;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Benchmarks;

/// <summary>What the bus alone took to deliver a pipeline run's events: wall time, this process's CPU, deliveries.</summary>
internal sealed record BusFloorResult(TimeSpan Elapsed, TimeSpan Cpu, int Events, int Deliveries);

/// <summary>
/// The least the bus must do for the embedded pipeline (issue 21), as <see cref="StorageFloor"/> is for the import: the
/// events a pipeline run published, read back from the services' outboxes, are published again on MassTransit's
/// in-memory bus as the relays publish them (500 at a time, each with its message id), to the same queues with the same
/// batch settings, where the consumers only count. No database, no inbox, no rules: the bus's own share of the catch-up.
/// It runs in a process of its own with the services' runtime settings (<c>Directory.Build.targets</c>' TunedForBursts),
/// so its JIT behaves as theirs does.
/// </summary>
internal static class BusFloor
{
    public const string Command = "bus-floor";

    private const int RelayBatch = 500;
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Replays the outboxes in <paramref name="dataDirectory"/> in a child process and reads what it measured. A queue has
    /// room for <paramref name="batchesInFlight"/> full batches of messages in flight; the services' queues have room for one.
    /// </summary>
    public static async Task<BusFloorResult> MeasureAsync(string dataDirectory, int batchesInFlight = 1)
    {
        var self = Assembly.GetEntryAssembly()!.Location;
        var start = new ProcessStartInfo("dotnet", [self, Command, dataDirectory, batchesInFlight.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        start.Environment["DOTNET_TC_CallCountThreshold"] = "1000";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The bus floor's process could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines is not [.., var last] || last.Split(' ') is not [var elapsed, var cpu, var events, var deliveries])
        {
            throw new InvalidOperationException($"The bus floor exited with {process.ExitCode}: {await error}{await output}");
        }

        return new BusFloorResult(
            TimeSpan.FromSeconds(double.Parse(elapsed, CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(cpu, CultureInfo.InvariantCulture)),
            int.Parse(events, CultureInfo.InvariantCulture),
            int.Parse(deliveries, CultureInfo.InvariantCulture));
    }

    /// <summary>The child: prints "seconds cpu-seconds events deliveries" on its last line.</summary>
    public static async Task RunAsync(string dataDirectory, int batchesInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesInFlight, 1);
        var outboxes = new List<List<(object Body, Guid MessageId)>>();
        foreach (var database in PipelineProbe.Databases)
        {
            if (await ReadOutboxAsync(dataDirectory, database) is { Count: > 0 } rows)
            {
                outboxes.Add(rows);
            }
        }

        if (outboxes.Count == 0)
        {
            throw new InvalidOperationException($"No outbox rows to publish in '{dataDirectory}': it takes the data directory of a pipeline run.");
        }

        var published = outboxes.SelectMany(o => o).GroupBy(e => e.Body.GetType().Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var expected = PipelineProbe.Queues.ToDictionary(q => q.Queue, q => q.Events.Sum(e => published.GetValueOrDefault(e)), StringComparer.Ordinal);
        var counter = new DeliveryCounter(expected);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMassTransit(bus => bus.UsingInMemory((_, cfg) =>
        {
            // As the services' bus (AddMessaging): MassTransit's retry filter on every endpoint.
            cfg.UseMessageRetry(retry => retry.Intervals([.. new MessagingOptions().RetryIntervals]));
            foreach (var (_, queue, events) in PipelineProbe.Queues)
            {
                var settings = new BatchSettings();
                cfg.ReceiveEndpoint(queue, endpoint =>
                {
                    // As ServiceConsumers.AddBatch sets a batch queue: room for one batch (or more, to compare).
                    endpoint.PrefetchCount = settings.MessageLimit * batchesInFlight;
                    endpoint.ConcurrentMessageLimit = settings.MessageLimit * batchesInFlight;
                    foreach (var type in events.Select(ContractType))
                    {
                        CountBatchesOf.MakeGenericMethod(type).Invoke(null, [endpoint, settings, counter, queue]);
                    }
                });
            }
        }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            // As the relays do: publish only once the queues are bound.
            await Eventually.UntilAsync(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy), TimeSpan.FromSeconds(30), "the bus to be healthy");
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            // One relay per service database, as in the host; each publishes its rows 500 at a time.
            await Task.WhenAll(outboxes.Select(outbox => Task.Run(async () =>
            {
                foreach (var batch in outbox.Chunk(RelayBatch))
                {
                    await Task.WhenAll(batch.Select(row => bus.Publish(row.Body, row.Body.GetType(), context => context.MessageId = row.MessageId)));
                }
            })));
            await counter.Done.WaitAsync(TimeSpan.FromMinutes(5));
            var elapsed = clock.Elapsed;
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.000} {cpu.TotalSeconds:0.000} {outboxes.Sum(o => o.Count)} {expected.Values.Sum()}"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static readonly MethodInfo CountBatchesOf = typeof(BusFloor).GetMethod(nameof(CountBatches), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static void CountBatches<TMessage>(IReceiveEndpointConfigurator endpoint, BatchSettings settings, DeliveryCounter counter, string queue)
        where TMessage : class =>
        endpoint.Batch<TMessage>(batch =>
        {
            batch.MessageLimit = settings.MessageLimit;
            batch.TimeLimit = settings.TimeLimit;
            batch.ConcurrencyLimit = 1;
            batch.Consumer(() => new CountingConsumer<TMessage>(counter, queue));
        });

    private static Type ContractType(string name) =>
        typeof(Contracts.Events.CommitmentAdded).Assembly.GetType("CommitmentTracker.Contracts.Events." + name, throwOnError: true)!;

    /// <summary>A database's outbox rows in the order its relay publishes them, deserialized before the clock starts.</summary>
    private static async Task<List<(object Body, Guid MessageId)>> ReadOutboxAsync(string dataDirectory, string database)
    {
        var rows = new List<(object, Guid)>();
        if (!File.Exists(Path.Combine(dataDirectory, database + ".db")))
        {
            return rows;
        }

        await using var connection = await PipelineBenchmark.OpenSqliteAsync(dataDirectory, database);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "MessageType", "Body", "MessageId" FROM "OutboxMessages" ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var type = Type.GetType(reader.GetString(0), throwOnError: true)!;
            rows.Add((JsonSerializer.Deserialize(reader.GetString(1), type, EventJson)!, reader.GetGuid(2)));
        }

        return rows;
    }

    private sealed class DeliveryCounter(Dictionary<string, int> expected)
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Dictionary<string, int> received = expected.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);

        public Task Done => expected.Values.All(v => v == 0) ? Task.CompletedTask : done.Task;

        public void Count(string queue, int messages)
        {
            lock (received)
            {
                received[queue] += messages;
                if (received.All(r => r.Value >= expected[r.Key]))
                {
                    done.TrySetResult();
                }
            }
        }
    }

    private sealed class CountingConsumer<TMessage>(DeliveryCounter counter, string queue) : IConsumer<Batch<TMessage>>
        where TMessage : class
    {
        public Task Consume(ConsumeContext<Batch<TMessage>> context)
        {
            counter.Count(queue, context.Message.Length);
            return Task.CompletedTask;
        }
    }
}
