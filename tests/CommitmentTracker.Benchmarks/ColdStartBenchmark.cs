using System.Diagnostics;
using System.Globalization;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// Cold start of the embedded default: process start → /alive and → /health answering 200, with an empty data folder
/// (every migration runs) and with an existing one (migrations up to date: the goal's case). Also the CPU time the
/// process had used when /health answered, which a busy machine does not inflate the way it does the wall time.
/// </summary>
internal static class ColdStartBenchmark
{
    private const int Runs = 5;

    // Issue 21's goal: the embedded host answers /health 200 within 1.5 s of being started.
    private const double HealthGoalMs = 1500;

    public static async Task RunAsync()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Host: {(Environment.GetEnvironmentVariable("CT_BENCH_HOST_DIR") is { Length: > 0 } folder ? folder : "the build output")}; {Runs} starts each; load average {Machine.LoadAverage()} at the start."));
        Console.WriteLine("| data folder | run | /alive ms | /health ms | CPU ms at /health | load average |\n|---|---|---|---|---|---|");
        var reused = Directory.CreateTempSubdirectory("ct-bench-coldstart-");
        try
        {
            var fresh = new List<Start>();
            for (var run = 1; run <= Runs; run++)
            {
                var empty = Directory.CreateTempSubdirectory("ct-bench-coldstart-");
                try
                {
                    fresh.Add(await StartOnceAsync(empty.FullName, "empty (migrations run)", run));
                }
                finally
                {
                    empty.Delete(recursive: true);
                }
            }

            await StartOnceAsync(reused.FullName, "(prepare)", 0, print: false);
            var existing = new List<Start>();
            for (var run = 1; run <= Runs; run++)
            {
                existing.Add(await StartOnceAsync(reused.FullName, "existing", run));
            }

            var health = Median(existing.Select(e => e.Health));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: empty folder /alive {Median(fresh.Select(f => f.Alive)):0} ms, /health {Median(fresh.Select(f => f.Health)):0} ms (CPU {Median(fresh.Select(f => f.Cpu)):0} ms); existing folder /alive {Median(existing.Select(w => w.Alive)):0} ms, /health {health:0} ms (CPU {Median(existing.Select(w => w.Cpu)):0} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"existing folder to /health 200: {health:0} ms; goal ≤ {HealthGoalMs:0} ms: {health / HealthGoalMs:0.00} of the limit ({(health <= HealthGoalMs ? "met" : "missed")})"));
        }
        finally
        {
            reused.Delete(recursive: true);
        }
    }

    private static async Task<Start> StartOnceAsync(string dataDirectory, string label, int run, bool print = true)
    {
        var clock = Stopwatch.StartNew();
        await using var host = EmbeddedHostProcess.Start(dataDirectory);
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var alive = await Http.WaitForOkAsync(client, "/alive", clock, TimeSpan.FromMinutes(1));
        var health = await Http.WaitForOkAsync(client, "/health", clock, TimeSpan.FromMinutes(1));
        var cpu = Machine.CpuMilliseconds(host.Id);
        if (print)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {run} | {alive.TotalMilliseconds:0} | {health.TotalMilliseconds:0} | {cpu:0} | {Machine.LoadAverage()} |"));
        }

        return new Start(alive.TotalMilliseconds, health.TotalMilliseconds, cpu);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed record Start(double Alive, double Health, double Cpu);
}
