using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Benchmarks;

/// <summary>Percentiles of a sample, nearest-rank.</summary>
internal static class Percentiles
{
    public const string Header = "| run | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|";

    public static double Of(IReadOnlyList<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Row(string label, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {sorted.Count} | {Of(sorted, 50):0.0} | {Of(sorted, 95):0.0} | {Of(sorted, 99):0.0} | {sorted[^1]:0.0} |");
    }
}

/// <summary>The embedded host as its own process, from the build output, on a free loopback port.</summary>
internal sealed class EmbeddedHostProcess : IAsyncDisposable
{
    public const string AdminKey = "benchmark-admin-key-0123456789";
    private readonly Process process;

    private EmbeddedHostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>
    /// Waits until the host has been idle (under 5 % of one core) for three 2-second intervals in a row: the consumers
    /// have caught up with an import's events and measurements do not compete with them.
    /// </summary>
    public async Task WaitUntilQuietAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        var before = process.TotalProcessorTime;
        while (quiet < 3)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The host did not become idle within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            process.Refresh();
            var used = process.TotalProcessorTime - before;
            before = process.TotalProcessorTime;
            quiet = used < TimeSpan.FromMilliseconds(100) ? quiet + 1 : 0;
        }
    }

    private static string HostDll => Path.Combine(Repository.Root, "services", "CommitmentTracker.Host", "bin", LocalDistributedSystem.BuildConfiguration, "net10.0", "CommitmentTracker.Host.dll");

    public static EmbeddedHostProcess Start(string dataDirectory)
    {
        if (!File.Exists(HostDll))
        {
            throw new FileNotFoundException($"Build first: dotnet build CommitmentTracker.slnx -c {LocalDistributedSystem.BuildConfiguration}", HostDll);
        }

        var address = new Uri($"http://127.0.0.1:{LocalDistributedSystem.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [HostDll])
        {
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["Embedded__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Benchmarks send far more than one caller's default rate; the limiter stays in the path.
        start.Environment["RateLimits__PermitsPerMinute"] = "6000000";
        start.Environment["RateLimits__Burst"] = "100000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EmbeddedHostProcess(process, address);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

internal static class Http
{
    public static HttpClient Client(Uri address, string apiKey)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200; returns the time since <paramref name="since"/> started, bounded by <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> WaitForOkAsync(HttpClient client, string path, Stopwatch since, TimeSpan timeout)
    {
        while (since.Elapsed < timeout)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return since.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{path} did not answer 200 within {timeout}.");
    }
}
