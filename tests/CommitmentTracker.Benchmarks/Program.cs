using CommitmentTracker.Benchmarks;
using CommitmentTracker.Testing;

// dotnet run -c Release --project tests/CommitmentTracker.Benchmarks -- <latency-embedded|latency-rabbitmq|throughput|cold-start|all>
var benchmarks = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["latency-embedded"] = LatencyBenchmark.EmbeddedAsync,
    ["latency-rabbitmq"] = LatencyBenchmark.RabbitMqAsync,
    ["throughput"] = ThroughputBenchmark.RunAsync,
    ["cold-start"] = ColdStartBenchmark.RunAsync,
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
