using System.Diagnostics;
using System.Globalization;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// The embedded host (all four services, in-memory bus, SQLite) as its own process, run from its Release build output on
/// a free loopback port, as a newcomer runs it. Its output goes to a log file, shown when something fails.
/// </summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    public const string AdminKey = "benchmark-admin-key-0123456789";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logGate = new();

    private EmbeddedHost(Process process, StreamWriter log, Uri address, string logFile, Stopwatch sinceStart)
    {
        this.process = process;
        this.log = log;
        Address = address;
        LogFile = logFile;
        SinceStart = sinceStart;
    }

    public Uri Address { get; }

    public string LogFile { get; }

    /// <summary>Started just before the process was: what cold start is measured from.</summary>
    public Stopwatch SinceStart { get; }

    public bool HasExited => process.HasExited;

    public static EmbeddedHost Start(string dataDirectory, string logFile)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("dotnet", [Checkout.EmbeddedHostDll])
        {
            // The content root is the build output, so appsettings*.json next to the dll are found.
            WorkingDirectory = Path.GetDirectoryName(Checkout.EmbeddedHostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["Embedded__DataDirectory"] = dataDirectory;

        var writer = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new EmbeddedHost(process, writer, address, logFile, clock);
        process.OutputDataReceived += (_, line) => host.Log(line.Data);
        process.ErrorDataReceived += (_, line) => host.Log(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200: the time since process start, bounded.</summary>
    public async Task<TimeSpan> WaitUntilOkAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (SinceStart.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                throw new InvalidOperationException($"The embedded host exited (code {process.ExitCode}) before {path} answered 200.\n{LogTail()}");
            }

            try
            {
                using var response = await client.GetAsync(path, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return SinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5, cancellationToken);
        }

        throw new TimeoutException($"{Address}{path.TrimStart('/')} did not answer 200 within {timeout.TotalSeconds:0} s.\n{LogTail()}");
    }

    public string LogTail(int lines = 30)
    {
        lock (logGate)
        {
            using var file = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file);
            var tail = reader.ReadToEnd().Split('\n').TakeLast(lines);
            return $"last lines of {LogFile}:\n  " + string.Join("\n  ", tail);
        }
    }

    /// <summary>SIGTERM first (a clean shutdown leaves the SQLite files as a user's would be), then the whole tree is killed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await SendTerminateAsync(process.Id);
                using var stopping = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            process.Dispose();
            lock (logGate)
            {
                log.Dispose();
            }
        }
    }

    private static async Task SendTerminateAsync(int processId)
    {
        try
        {
            using var kill = Process.Start("kill", ["-TERM", processId.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1): the bounded wait below ends in a kill of the process tree.
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            // Lines may still arrive while the writer closes after exit.
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
