using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// What the gateway costs: wrk on loopback against one commitment, straight from the ActionPlans process and through
/// the gateway in front of it, same connections and duration, one after the other in one run. The gateway does its own
/// authentication, rate limiting and correlation before proxying, so the figure is the whole hop, not YARP alone.
/// </summary>
internal static partial class GatewayBenchmark
{
    private const string Path = "/api/commitments/BG0039";
    private const int Connections = 32;
    private const int Threads = 2;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    public static async Task RunAsync()
    {
        if (!File.Exists("/usr/bin/wrk") && !File.Exists("/usr/local/bin/wrk"))
        {
            throw new FileNotFoundException("wrk is not installed: apt-get install -y wrk");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("ct-bench-gateway-").FullName;
        try
        {
            await using var service = ActionPlansProcess.Start(dataDirectory, 10 * 1024 * 1024);
            await using var gateway = GatewayProcess.Start(service.Address, System.IO.Path.Combine(dataDirectory, "gateway"));
            using var direct = Http.Client(service.Address, EmbeddedHostProcess.AdminKey);
            using var proxied = Http.Client(gateway.Address, EmbeddedHostProcess.AdminKey);
            await Http.WaitForOkAsync(direct, "/alive", Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            await Http.WaitForOkAsync(proxied, "/alive", Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            await ImportSampleAsync(direct);
            await Http.WaitForOkAsync(proxied, Path, Stopwatch.StartNew(), TimeSpan.FromSeconds(30));

            await WrkAsync(service.Address, Warmup);
            await WrkAsync(gateway.Address, Warmup);
            var straight = await WrkAsync(service.Address, Duration);
            var through = await WrkAsync(gateway.Address, Duration);

            Console.WriteLine($"wrk -t{Threads} -c{Connections} -d{Duration.TotalSeconds:0}s --latency, GET {Path} with the admin key, after a {Warmup.TotalSeconds:0} s warm-up of each; ActionPlans (in-memory bus, SQLite) and the gateway as processes of the {LocalDistributedSystem.BuildConfiguration} build; {Environment.ProcessorCount} cores shared by wrk and both processes.");
            Console.WriteLine("| path | requests/s | p50 ms | p75 ms | p90 ms | p99 ms | errors |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Console.WriteLine(straight.Row("direct to ActionPlans"));
            Console.WriteLine(through.Row("through the gateway"));
            var ratio = through.RequestsPerSecond / straight.RequestsPerSecond;
            var addedP50 = through.Percentiles[50] - straight.Percentiles[50];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Throughput ratio gateway/direct: {ratio:0.000} (target ≥ 0.70: {(ratio >= 0.7 ? "met" : "missed")}); added p50: {addedP50:0.000} ms at {Connections} connections (target ≤ 1 ms: {(addedP50 <= 1 ? "met" : "missed")}); added p99: {through.Percentiles[99] - straight.Percentiles[99]:0.000} ms."));
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing process; the OS temp cleaner takes it later.
            }
        }
    }

    /// <summary>The real 20-row OGP sample, so BG0039 exists the way an import makes it.</summary>
    private static async Task ImportSampleAsync(HttpClient client)
    {
        var sample = System.IO.Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(sample));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "commitments-sample.csv");
        using var response = await client.PostAsync(new Uri("/api/imports", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/imports answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var location = new Uri((response.Headers.Location ?? throw new InvalidOperationException("202 without a Location.")).OriginalString, UriKind.Relative);
        var job = await Eventually.GetAsync(() => client.GetFromJsonAsync<ImportResponse>(location), j => j!.Status is "succeeded" or "rejected" or "failed", TimeSpan.FromMinutes(2), "the sample import");
        if (job!.Status != "succeeded")
        {
            throw new InvalidOperationException($"The sample import ended {job.Status}: {job.Error}");
        }
    }

    private static async Task<WrkResult> WrkAsync(Uri address, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk",
        [
            $"-t{Threads}", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s",
            "-H", $"X-Api-Key: {EmbeddedHostProcess.AdminKey}",
            new Uri(address, Path).ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        try
        {
            await wrk.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            wrk.Kill(entireProcessTree: true);
            throw new TimeoutException($"wrk against {address} did not finish within {duration + TimeSpan.FromSeconds(30)}.");
        }

        var text = await output;
        return wrk.ExitCode == 0 ? WrkResult.Parse(text) : throw new InvalidOperationException($"wrk exited with {wrk.ExitCode}: {text}{await errors}");
    }

    /// <summary>wrk's summary: "Requests/sec:", the "Latency Distribution" block (50/75/90/99%), and any non-2xx count.</summary>
    internal sealed partial record WrkResult(double RequestsPerSecond, IReadOnlyDictionary<int, double> Percentiles, long Requests, long Errors)
    {
        public static WrkResult Parse(string output)
        {
            var rate = double.Parse(RequestsPerSecondLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new FormatException($"No Requests/sec in wrk's output:\n{output}"), CultureInfo.InvariantCulture);
            var percentiles = PercentileLine().Matches(output).ToDictionary(
                p => int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture),
                p => Milliseconds(double.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture), p.Groups[3].Value));
            if (!percentiles.ContainsKey(50) || !percentiles.ContainsKey(99))
            {
                throw new FormatException($"No latency distribution in wrk's output (run with --latency):\n{output}");
            }

            var requests = RequestsLine().Match(output) is { Success: true } r ? long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var errors = NonSuccessLine().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            errors += SocketErrorsLine().Matches(output).Sum(s => long.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture));
            return new WrkResult(rate, percentiles, requests, errors);
        }

        public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {RequestsPerSecond:0} | {Percentiles[50]:0.000} | {Percentiles.GetValueOrDefault(75):0.000} | {Percentiles.GetValueOrDefault(90):0.000} | {Percentiles[99]:0.000} | {Errors} of {Requests} |");

        private static double Milliseconds(double value, string unit) => unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            _ => throw new FormatException($"Unknown wrk latency unit '{unit}'."),
        };

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
        private static partial Regex RequestsPerSecondLine();

        [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
        private static partial Regex PercentileLine();

        [GeneratedRegex(@"(\d+) requests in")]
        private static partial Regex RequestsLine();

        [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
        private static partial Regex NonSuccessLine();

        [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
        private static partial Regex SocketErrorsLine();
    }

    /// <summary>The gateway from the build output, its actionplans cluster pointed at the benchmark's ActionPlans process.</summary>
    private sealed class GatewayProcess : IAsyncDisposable
    {
        private readonly Process process;

        private GatewayProcess(Process process, Uri address)
        {
            this.process = process;
            Address = address;
        }

        public Uri Address { get; }

        private static string Dll => System.IO.Path.Combine(Repository.Root, "gateway", "CommitmentTracker.Gateway", "bin", LocalDistributedSystem.BuildConfiguration, "net10.0", "CommitmentTracker.Gateway.dll");

        public static GatewayProcess Start(Uri actionPlans, string dataDirectory)
        {
            if (!File.Exists(Dll))
            {
                throw new FileNotFoundException($"Build first: dotnet build CommitmentTracker.slnx -c {LocalDistributedSystem.BuildConfiguration}", Dll);
            }

            var address = new Uri($"http://127.0.0.1:{LocalDistributedSystem.FreePort()}");
            var start = new ProcessStartInfo("dotnet", [Dll])
            {
                WorkingDirectory = System.IO.Path.GetDirectoryName(Dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = address.ToString();
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Auth__BootstrapAdminKey"] = EmbeddedHostProcess.AdminKey;
            // Gateway and services behind it sign and check forwarded identities with one shared key.
            start.Environment["Auth__InternalSigningKey"] = TestKeys.InternalSigning;
            start.Environment["Gateway__DataDirectory"] = dataDirectory; // its key store, removed with the run
            start.Environment["ReverseProxy__Clusters__actionplans__Destinations__primary__Address"] = actionPlans.ToString();
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["RateLimits__PermitsPerMinute"] = "6000000";
            start.Environment["RateLimits__Burst"] = "100000";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new GatewayProcess(process, address);
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
}
