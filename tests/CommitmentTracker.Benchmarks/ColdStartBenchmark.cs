using System.Diagnostics;
using System.Globalization;

namespace CommitmentTracker.Benchmarks;

/// <summary>Cold start of the embedded default: process start → /alive and → /health answering 200.</summary>
internal static class ColdStartBenchmark
{
    private const int Runs = 3;

    public static async Task RunAsync()
    {
        Console.WriteLine("| data folder | run | /alive ms | /health ms |\n|---|---|---|---|");
        var reused = Directory.CreateTempSubdirectory("ct-bench-coldstart-");
        try
        {
            var fresh = new List<(double Alive, double Health)>();
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
            var existing = new List<(double Alive, double Health)>();
            for (var run = 1; run <= Runs; run++)
            {
                existing.Add(await StartOnceAsync(reused.FullName, "existing", run));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: empty folder /alive {Median(fresh.Select(f => f.Alive)):0} ms, /health {Median(fresh.Select(f => f.Health)):0} ms; existing folder /alive {Median(existing.Select(w => w.Alive)):0} ms, /health {Median(existing.Select(w => w.Health)):0} ms"));
        }
        finally
        {
            reused.Delete(recursive: true);
        }
    }

    private static async Task<(double Alive, double Health)> StartOnceAsync(string dataDirectory, string label, int run, bool print = true)
    {
        var clock = Stopwatch.StartNew();
        await using var host = EmbeddedHostProcess.Start(dataDirectory);
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        var alive = await Http.WaitForOkAsync(client, "/alive", clock, TimeSpan.FromMinutes(1));
        var health = await Http.WaitForOkAsync(client, "/health", clock, TimeSpan.FromMinutes(1));
        if (print)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {run} | {alive.TotalMilliseconds:0} | {health.TotalMilliseconds:0} |"));
        }

        return (alive.TotalMilliseconds, health.TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
