using System.Globalization;
using CommitmentTracker.Benchmarks;
using CommitmentTracker.Testing;

// dotnet run -c Release --project tests/CommitmentTracker.Benchmarks -- <latency-embedded|latency-rabbitmq|throughput|cold-start|import|pipeline|tagging|gateway|notifications|activity|web|all> [rows for import, pipeline and activity]
//                                                                      sheet <rows> <file.csv>   (the import benchmark's sheets, to profile with)
//                                                                      bare-forwarder <destination> <listen-url>   (the gateway benchmark's bare YARP hop)
//                                                                      bus-floor <data-directory> <batches in flight>   (the pipeline benchmark's bus alone, over a run's outboxes)
if (args is ["sheet", var count, var file] && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var sheetRows) && sheetRows > 0)
{
    var written = await SyntheticSheet.WriteAsync(file, sheetRows, Path.ChangeExtension(file, null) + "-1pct.csv");
    Console.WriteLine($"{written.Path}: {written.Rows} rows, {written.Bytes} bytes; {written.MutatedPath}: {written.Mutated} rows changed");
    return 0;
}

if (args is [BareForwarder.Command, var destination, var listenOn])
{
    await BareForwarder.RunAsync(new Uri(destination), new Uri(listenOn));
    return 0;
}

if (args is [BusFloor.Command, ..])
{
    if (args is not [_, var dataDirectory, var batches] || !int.TryParse(batches, NumberStyles.None, CultureInfo.InvariantCulture, out var batchesInFlight) || batchesInFlight < 1)
    {
        Console.Error.WriteLine($"{BusFloor.Command} takes a data directory (a pipeline run's, with the services' SQLite files) and the batches in flight per queue (a positive whole number).");
        return 2;
    }

    await BusFloor.RunAsync(dataDirectory, batchesInFlight);
    return 0;
}

if (args.Length > 1 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1))
{
    Console.Error.WriteLine($"The second argument is the import benchmark's row count (a positive whole number), not '{args[1]}'.");
    return 2;
}

var importRows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : ImportBenchmark.DefaultRows;
var benchmarks = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["latency-embedded"] = LatencyBenchmark.EmbeddedAsync,
    ["latency-rabbitmq"] = LatencyBenchmark.RabbitMqAsync,
    ["throughput"] = ThroughputBenchmark.RunAsync,
    ["cold-start"] = ColdStartBenchmark.RunAsync,
    ["import"] = () => ImportBenchmark.RunAsync(importRows),
    ["pipeline"] = () => PipelineBenchmark.RunAsync(args.Length > 1 ? importRows : PipelineBenchmark.DefaultRows),
    ["tagging"] = TaggingBenchmark.RunAsync,
    ["engagement"] = EngagementBenchmark.RunAsync,
    ["gateway"] = GatewayBenchmark.RunAsync,
    ["notifications"] = NotificationsBenchmark.RunAsync,
    ["activity"] = () => ActivityBenchmark.RunAsync(args.Length > 1 ? importRows : ActivityBenchmark.DefaultCommitments),
    ["web"] = WebBenchmark.RunAsync,
};
var wanted = args.Length == 0 ? "all" : args[0];
if (wanted != "all" && !benchmarks.ContainsKey(wanted))
{
    Console.Error.WriteLine($"Unknown benchmark '{wanted}'. Choose one of: {string.Join(", ", benchmarks.Keys)}, all.");
    return 2;
}

Console.WriteLine($"# Commitment Tracker benchmarks — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {LocalDistributedSystem.BuildConfiguration} build");
foreach (var (name, run) in benchmarks.Where(b => wanted == "all" || b.Key.Equals(wanted, StringComparison.OrdinalIgnoreCase)))
{
    Console.WriteLine();
    Console.WriteLine($"## {name}");
    await run();
}

return 0;
