using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
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
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    // Issue 21's goals: the direct rate, the gateway's share of it and the p50 it adds (at 32 connections, on this box).
    private const double DirectGoal = 10_000;
    private const double RatioGoal = 0.9;
    private const double AddedP50GoalMs = 1;

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
            await using var forwarder = BareForwarder.Start(service.Address);
            using var bare = Http.Client(forwarder.Address, EmbeddedHostProcess.AdminKey);
            await Http.WaitForOkAsync(direct, "/alive", Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            await Http.WaitForOkAsync(proxied, "/alive", Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            await ImportSampleAsync(direct);
            await Http.WaitForOkAsync(proxied, Path, Stopwatch.StartNew(), TimeSpan.FromSeconds(30));
            await Http.WaitForOkAsync(bare, Path, Stopwatch.StartNew(), TimeSpan.FromSeconds(30));
            // A reader's key issued by the gateway's key store: the path most callers take (found in the store, then cached).
            var readerKey = await IssueReaderKeyAsync(proxied);

            await WrkAsync(service.Address, EmbeddedHostProcess.AdminKey, Warmup);
            await WrkAsync(gateway.Address, EmbeddedHostProcess.AdminKey, Warmup);
            await WrkAsync(gateway.Address, readerKey, Warmup);
            await WrkAsync(forwarder.Address, EmbeddedHostProcess.AdminKey, Warmup);
            var straight = await MeasureAsync(service.Address, EmbeddedHostProcess.AdminKey, service.Id, gateway.Id);
            var through = await MeasureAsync(gateway.Address, EmbeddedHostProcess.AdminKey, service.Id, gateway.Id);
            var throughIssued = await MeasureAsync(gateway.Address, readerKey, service.Id, gateway.Id);
            // The same hop with nothing but Kestrel and YARP in it (the admin key goes through to the service).
            var throughBare = await MeasureAsync(forwarder.Address, EmbeddedHostProcess.AdminKey, service.Id, forwarder.Id);
            // Direct once more: on a shared machine the first and last direct runs show how far conditions drifted.
            var straightAgain = await MeasureAsync(service.Address, EmbeddedHostProcess.AdminKey, service.Id, gateway.Id);

            Console.WriteLine($"wrk -t{Threads} -c{Connections} -d{Duration.TotalSeconds:0}s --latency, GET {Path}, after a {Warmup.TotalSeconds:0} s warm-up of each; ActionPlans (in-memory bus, SQLite) and the gateway as processes of the {LocalDistributedSystem.BuildConfiguration} build in {BuildOutput.Root}; {Environment.ProcessorCount} cores shared by wrk and both processes.");
            Console.WriteLine("| path | requests/s | p50 ms | p75 ms | p90 ms | p99 ms | errors | CPU µs/request: service + gateway | load average before → after |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(straight.Row("direct to ActionPlans (admin key)"));
            Console.WriteLine(through.Row("through the gateway (admin key)"));
            Console.WriteLine(throughIssued.Row("through the gateway (issued reader key)"));
            Console.WriteLine(throughBare.Row("through a bare YARP forwarder, nothing else (admin key checked by the service)"));
            Console.WriteLine(straightAgain.Row("direct to ActionPlans again (admin key)"));
            // The ratios compare the gateway runs with the mean of the direct runs before and after them, which cancels
            // a steady drift (e.g. both processes still tiering up their JIT code after the warm-up, or other load).
            var directRate = (straight.Wrk.RequestsPerSecond + straightAgain.Wrk.RequestsPerSecond) / 2;
            var directP50 = (straight.Wrk.Percentiles[50] + straightAgain.Wrk.Percentiles[50]) / 2;
            var ratio = through.Wrk.RequestsPerSecond / directRate;
            var issuedRatio = throughIssued.Wrk.RequestsPerSecond / directRate;
            var addedP50 = through.Wrk.Percentiles[50] - directP50;
            var issuedAddedP50 = throughIssued.Wrk.Percentiles[50] - directP50;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"direct (mean of both runs): {directRate:0} req/s, p50 {directP50:0.000} ms; goal ≥ {DirectGoal:0}: {directRate / DirectGoal:0.00} of the goal ({Verdict(directRate >= DirectGoal)})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gateway/direct: {ratio:0.000} (issued key {issuedRatio:0.000}); goal ≥ {RatioGoal:0.0}: {ratio / RatioGoal:0.00} of the goal ({Verdict(ratio >= RatioGoal)}; issued key {Verdict(issuedRatio >= RatioGoal)})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"added p50: {addedP50:0.000} ms (issued key {issuedAddedP50:0.000} ms) at {Connections} connections; goal ≤ {AddedP50GoalMs:0} ms: {addedP50 / AddedP50GoalMs:0.00} of the limit ({Verdict(addedP50 <= AddedP50GoalMs)}; issued key {Verdict(issuedAddedP50 <= AddedP50GoalMs)}); added p99: {through.Wrk.Percentiles[99] - ((straight.Wrk.Percentiles[99] + straightAgain.Wrk.Percentiles[99]) / 2):0.000} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"a bare YARP hop: {throughBare.Wrk.RequestsPerSecond / directRate:0.000} of direct, added p50 {throughBare.Wrk.Percentiles[50] - directP50:0.000} ms, {throughBare.GatewayMicroseconds:0} µs of CPU a request (the gateway: {through.GatewayMicroseconds:0} µs) — the least any gateway built on YARP adds here"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU per request (far less sensitive to the machine's load than the rates): direct {straight.ServiceMicroseconds:0} then {straightAgain.ServiceMicroseconds:0} µs; through the gateway {through.ServiceMicroseconds:0} + {through.GatewayMicroseconds:0} µs (admin key), {throughIssued.ServiceMicroseconds:0} + {throughIssued.GatewayMicroseconds:0} µs (issued key)"));
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

    private static string Verdict(bool met) => met ? "met" : "missed";

    private static async Task<Measurement> MeasureAsync(Uri address, string apiKey, int serviceProcess, int gatewayProcess)
    {
        var load = Machine.LoadAverage();
        var serviceCpu = Machine.CpuMilliseconds(serviceProcess);
        var gatewayCpu = Machine.CpuMilliseconds(gatewayProcess);
        var result = await WrkAsync(address, apiKey, Duration);
        var requests = Math.Max(1, result.Requests);
        return new Measurement(
            result,
            (Machine.CpuMilliseconds(serviceProcess) - serviceCpu) * 1000 / requests,
            (Machine.CpuMilliseconds(gatewayProcess) - gatewayCpu) * 1000 / requests,
            $"{load} → {Machine.LoadAverage()}");
    }

    private static async Task<string> IssueReaderKeyAsync(HttpClient gateway)
    {
        using var response = await gateway.PostAsJsonAsync(new Uri("/api/keys", UriKind.Relative), new CreateApiKeyRequest("gateway benchmark reader", [Roles.Reader], null, null, null));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/keys answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResponse>())!.Secret;
    }

    private sealed record Measurement(WrkResult Wrk, double ServiceMicroseconds, double GatewayMicroseconds, string Load)
    {
        public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
            $"{Wrk.Row(label)} {ServiceMicroseconds:0} + {GatewayMicroseconds:0} | {Load} |");
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

    private static async Task<WrkResult> WrkAsync(Uri address, string apiKey, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk",
        [
            $"-t{Threads}", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s",
            "-H", $"X-Api-Key: {apiKey}",
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

        public int Id => process.Id;

        private static string Dll => BuildOutput.Dll("gateway", "CommitmentTracker.Gateway");

        public static GatewayProcess Start(Uri actionPlans, string dataDirectory)
        {
            if (!File.Exists(Dll))
            {
                throw new FileNotFoundException($"Build first: dotnet build CommitmentTracker.slnx -c {LocalDistributedSystem.BuildConfiguration}", Dll);
            }

            var address = new Uri($"http://127.0.0.1:{LocalDistributedSystem.FreePort()}");
            var start = new ProcessStartInfo("dotnet", [Dll]) { WorkingDirectory = System.IO.Path.GetDirectoryName(Dll)! };
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
            var process = ChildProcess.StartDrained(start);
            return new GatewayProcess(process, address);
        }

        public ValueTask DisposeAsync() => ChildProcess.StopAsync(process);
    }
}
