using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Data.Common;
using CommitmentTracker.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// Issue 21's pipeline goal, embedded: the host (its own process, Production, SQLite, in-memory bus) imports the
/// 20,000-row synthetic sheet; from the moment the import is seen succeeded, how long until every projection has caught
/// up — Tagging's suggestions, Engagement's assessments, Notifications' activity and known members. "Caught up" is read
/// from the services' own SQLite files (read-only, beside the running host): every outbox row of every service is sent,
/// and every queue's inbox holds one record per event of the types it consumes, across all outboxes. That is a fixed
/// point: an event still in flight, or one a consumer is about to publish, keeps a count short. Also: whether a person
/// can follow a member the import added as soon as the import says succeeded.
/// With <c>CT_PIPELINE_MODE=distributed</c> the same run goes through the gateway of the AppHost's distributed mode
/// (RabbitMQ; <c>CT_REPLICAS</c> instances of each service; <c>CT_DB_PROVIDER</c> Sqlite or Postgres), reading the
/// services' databases where the AppHost keeps them. Embedded, it then measures the bus alone over the run's own events
/// (<see cref="BusFloor"/>), as the import benchmark measures its storage floor.
/// </summary>
internal static class PipelineBenchmark
{
    public const int DefaultRows = 20_000;
    private const double GoalSeconds = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    private static readonly string[] FeedChannel = ["feed"];

    public static async Task RunAsync(int rows)
    {
        var work = Directory.CreateTempSubdirectory("ct-bench-pipeline-");
        try
        {
            var sheet = await SyntheticSheet.WriteAsync(Path.Combine(work.FullName, "commitments.csv"), rows);
            Console.WriteLine(Invariant($"Synthetic sheet (seed {SyntheticSheet.DefaultSeed}): {sheet.Rows} rows, {sheet.MemberRows.Count} members, {sheet.PlanRows.Count} plans; load average {LoadAverage.Now}."));
            if (string.Equals(Environment.GetEnvironmentVariable("CT_PIPELINE_MODE"), "distributed", StringComparison.OrdinalIgnoreCase))
            {
                // As distributed.sh takes them: instances of each service (issue 20 compares 1 and 2) and the database.
                var replicas = int.Parse(Environment.GetEnvironmentVariable("CT_REPLICAS") ?? "1", CultureInfo.InvariantCulture);
                var provider = Environment.GetEnvironmentVariable("CT_DB_PROVIDER") ?? "Sqlite";
                await using var system = new LocalDistributedSystem(EmbeddedHostProcess.AdminKey, new Dictionary<string, string> { ["CT_DB_PROVIDER"] = provider }, replicas);
                await system.RunAsync("start");
                var postgresPort = system.GatewayAddress.Port + 7;
                Func<string, Task<DbConnection>> open = provider == "Postgres"
                    ? database => OpenPostgresAsync(postgresPort, database)
                    : database => OpenSqliteAsync(Path.Combine(system.StateDirectory, "data"), database);
                await MeasureAsync(system.GatewayAddress, sheet, open, Invariant($"distributed: {replicas} instance(s) of each service, {provider}, RabbitMQ, through the gateway"));
            }
            else
            {
                var data = Path.Combine(work.FullName, "data");
                CatchUp caughtUp;
                await using (var host = EmbeddedHostProcess.Start(data))
                {
                    caughtUp = await MeasureAsync(host.Address, sheet, database => OpenSqliteAsync(data, database), "embedded: one process, SQLite, in-memory bus", () => Machine.CpuMilliseconds(host.Id));
                }

                SqliteConnection.ClearAllPools();
                await ReportBusFloorAsync(data, caughtUp);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still held by the stopping host; the temp cleaner takes it later
            }
        }
    }

    /// <summary>Imports the sheet through <paramref name="address"/>, follows a new member at once, then waits until every projection caught up; returns how long that took.</summary>
    private static async Task<CatchUp> MeasureAsync(Uri address, SyntheticSheetFiles sheet, Func<string, Task<DbConnection>> open, string mode, Func<double>? hostCpuMilliseconds = null)
    {
        using var api = Http.Client(address, EmbeddedHostProcess.AdminKey);
        api.Timeout = TimeSpan.FromMinutes(5);
        await Http.WaitForOkAsync(api, "/health", Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
        Console.WriteLine($"Mode: {mode}.");

        var imported = await Http.ImportAsync(api, sheet.Path, Timeout, TimeSpan.FromMilliseconds(50));
        var afterImport = Stopwatch.StartNew();
        var hostCpu = hostCpuMilliseconds?.Invoke();
        // This program's own CPU while it waits (its reads of the databases), reported: on 2 cores it is taken from the pipeline.
        var ownCpu = OwnCpu();
        var member = sheet.MemberRows.MaxBy(m => m.Value).Key;
        var follow = await FollowAsync(api, member);
        Console.WriteLine(Invariant($"Import: {imported.TotalSeconds:0.0} s from POST to succeeded. Following {member} (added by the import) at once: {follow}."));

        var progress = new List<string>();
        var probe = new PipelineProbe(open);
        TimeSpan caughtUp;
        while (true)
        {
            var state = await probe.ReadAsync();
            if (state.Lagging.Count == 0)
            {
                // Confirmed by counting every outbox row again: the cheap read counts only rows it has not seen, which on
                // PostgreSQL could miss a row committed after one with a higher id. Counts only grow, so the time is the
                // confirming read's.
                var confirming = afterImport.Elapsed;
                var confirmed = await probe.ReadAllAsync();
                if (confirmed.Lagging.Count == 0)
                {
                    caughtUp = confirming;
                    ownCpu = OwnCpu() - ownCpu;
                    hostCpu = hostCpuMilliseconds?.Invoke() - hostCpu;
                    Console.WriteLine(Invariant($"Caught up: {confirmed.Summary}"));
                    break;
                }

                state = confirmed;
            }

            if (progress.Count == 0 || afterImport.Elapsed.TotalSeconds >= progress.Count * 10)
            {
                progress.Add(Invariant($"| {afterImport.Elapsed.TotalSeconds:0} | {string.Join("; ", state.Lagging)} | {LoadAverage.Now} |"));
            }

            if (afterImport.Elapsed > Timeout)
            {
                throw new TimeoutException($"The projections did not catch up within {Timeout}: {string.Join("; ", state.Lagging)}");
            }

            await Task.Delay(250);
        }

        Console.WriteLine();
        Console.WriteLine("While catching up (every 10 s: each queue's inbox records ÷ the events it consumes; unsent outbox rows):");
        Console.WriteLine();
        Console.WriteLine("| s after the import | lagging | load average |\n|---|---|---|");
        progress.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine(Invariant($"pipeline ({mode}): {sheet.Rows} rows; import {imported.TotalSeconds:0.0} s; every projection caught up {caughtUp.TotalSeconds:0.0} s after it (goal ≤ {GoalSeconds:0} s, ratio to goal {caughtUp.TotalSeconds / GoalSeconds:0.00}); follow a new member at once: {follow};{(hostCpu is { } used ? $" the host's CPU while catching up {used / 1000:0.0} s;" : "")} the benchmark's own CPU while waiting {ownCpu.TotalSeconds:0.00} s; load average {LoadAverage.Now}"));
        return new CatchUp(caughtUp, hostCpu is { } cpu ? TimeSpan.FromMilliseconds(cpu) : null);
    }

    /// <summary>
    /// The bus alone over the same events (<see cref="BusFloor"/>), with the services' room for one batch in flight per
    /// queue and with room for two: a queue whose types arrive interleaved fills no batch with one, and each waits for
    /// its time limit, which costs time but no CPU.
    /// </summary>
    private static async Task ReportBusFloorAsync(string data, CatchUp caughtUp)
    {
        var floor = await BusFloor.MeasureAsync(data);
        var roomier = await BusFloor.MeasureAsync(data, batchesInFlight: 2);
        Console.WriteLine();
        Console.WriteLine(Invariant($"Bus floor: the same {floor.Events} events published again on MassTransit's in-memory bus to the same queues with the same batch settings ({floor.Deliveries} deliveries), the consumers only counting, in a process tuned as the services are:"));
        Console.WriteLine();
        Console.WriteLine("| messages in flight per queue | wall | CPU | CPU a delivery |\n|---|---|---|---|");
        Console.WriteLine(Invariant($"| one batch (the services') | {floor.Elapsed.TotalSeconds:0.0} s | {floor.Cpu.TotalSeconds:0.0} s | {floor.Cpu.TotalMicroseconds / floor.Deliveries:0} µs |"));
        Console.WriteLine(Invariant($"| two batches | {roomier.Elapsed.TotalSeconds:0.0} s | {roomier.Cpu.TotalSeconds:0.0} s | {roomier.Cpu.TotalMicroseconds / roomier.Deliveries:0} µs |"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"bus floor: {floor.Deliveries} deliveries take {floor.Cpu.TotalSeconds:0.0} CPU-s of the {GoalSeconds * Environment.ProcessorCount:0} a {GoalSeconds:0} s goal has on {Environment.ProcessorCount} cores; wall {floor.Elapsed.TotalSeconds:0.0} s ({roomier.Elapsed.TotalSeconds:0.0} s with room for two batches); the catch-up took {caughtUp.Elapsed.TotalSeconds:0.0} s and {caughtUp.HostCpu?.TotalSeconds:0.0} CPU-s, {caughtUp.HostCpu / floor.Cpu:0.0}× the floor's CPU; load average {LoadAverage.Now}"));
    }

    /// <summary>A feed subscription to the member: "accepted" or the answer's status and problem.</summary>
    private static async Task<string> FollowAsync(HttpClient api, string member)
    {
        using var response = await api.PostAsJsonAsync("/api/subscriptions", new { name = "pipeline benchmark", members = new[] { member }, channels = FeedChannel });
        return response.IsSuccessStatusCode ? "accepted" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>A service's SQLite database in <paramref name="data"/>, read-only.</summary>
    internal static async Task<DbConnection> OpenSqliteAsync(string data, string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, database + ".db"), Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The AppHost's PostgreSQL (its port is the gateway's + 7; one database per service, as its ConnectionString names them).</summary>
    private static async Task<DbConnection> OpenPostgresAsync(int port, string database)
    {
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=commitment_tracker_{database};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How long the projections took to catch up after the import, and the host's CPU meanwhile (embedded only).</summary>
internal sealed record CatchUp(TimeSpan Elapsed, TimeSpan? HostCpu);
