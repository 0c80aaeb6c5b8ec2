using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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

/// <summary>A benchmarked child process: started with its output drained (a full pipe would block it), stopped with its children.</summary>
internal static class ChildProcess
{
    public static Process StartDrained(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async ValueTask StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
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

    public int Id => process.Id;

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

    /// <summary>The host's build output, or the folder in <c>CT_BENCH_HOST_DIR</c> (e.g. a ReadyToRun publish of it).</summary>
    private static string HostDll => Environment.GetEnvironmentVariable("CT_BENCH_HOST_DIR") is { Length: > 0 } folder
        ? Path.Combine(Path.GetFullPath(folder), "CommitmentTracker.Host.dll")
        : BuildOutput.Dll("services", "CommitmentTracker.Host");

    public static EmbeddedHostProcess Start(string dataDirectory)
    {
        if (!File.Exists(HostDll))
        {
            throw new FileNotFoundException($"Build first: dotnet build CommitmentTracker.slnx -c {LocalDistributedSystem.BuildConfiguration}", HostDll);
        }

        var address = new Uri($"http://127.0.0.1:{LocalDistributedSystem.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [HostDll]) { WorkingDirectory = Path.GetDirectoryName(HostDll)! };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["Embedded__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Benchmarks send far more than one caller's default rate; the limiter stays in the path.
        start.Environment["RateLimits__PermitsPerMinute"] = "6000000";
        start.Environment["RateLimits__Burst"] = "100000";
        var process = ChildProcess.StartDrained(start);
        return new EmbeddedHostProcess(process, address);
    }

    public ValueTask DisposeAsync() => ChildProcess.StopAsync(process);
}

/// <summary>
/// Where the benchmarked processes are started from: this repository's build output, or the same layout under
/// <c>CT_BENCH_BUILD_ROOT</c> (a copy of another commit's bin folders, to measure before and after side by side).
/// </summary>
internal static class BuildOutput
{
    public static string Root => Environment.GetEnvironmentVariable("CT_BENCH_BUILD_ROOT") is { Length: > 0 } root ? Path.GetFullPath(root) : Repository.Root;

    public static string Dll(string folder, string project) =>
        Path.Combine(Root, folder, project, "bin", LocalDistributedSystem.BuildConfiguration, "net10.0", project + ".dll");
}

/// <summary>What a process and the machine did during a measurement: CPU time from /proc, the load average.</summary>
internal static class Machine
{
    // /proc/<pid>/stat counts in clock ticks of 1/100 s (USER_HZ on Linux).
    private const double MillisecondsPerTick = 10;

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>User plus system CPU time the process has used so far, in ms.</summary>
    public static double CpuMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * MillisecondsPerTick;
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

    /// <summary>
    /// Uploads a commitment sheet (CSV) to <c>POST /api/imports</c> and polls the job every <paramref name="poll"/> until it
    /// has succeeded; returns the time from the upload's start. A rejected or failed import, or one over
    /// <paramref name="timeout"/>, throws.
    /// </summary>
    public static async Task<TimeSpan> ImportAsync(HttpClient api, string path, TimeSpan timeout, TimeSpan poll)
    {
        ArgumentNullException.ThrowIfNull(api);
        var clock = Stopwatch.StartNew();
        using var content = new MultipartFormDataContent();
        await using var file = File.OpenRead(path);
        using var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "commitments.csv");
        using var started = await api.PostAsync("/api/imports", content);
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        while (true)
        {
            var job = await api.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            var status = job.GetProperty("status").GetString();
            if (status is "succeeded")
            {
                return clock.Elapsed;
            }

            if (status is "rejected" or "failed" || clock.Elapsed > timeout)
            {
                throw new InvalidOperationException($"The import ended {status}: {job}");
            }

            await Task.Delay(poll);
        }
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
