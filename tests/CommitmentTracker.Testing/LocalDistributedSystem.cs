using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CommitmentTracker.Testing;

/// <summary>
/// The distributed mode as a developer runs it, through deploy/local/distributed.sh: a private RabbitMQ node, the four
/// services and the gateway as separate processes, on free loopback ports and a temporary state folder.
/// </summary>
public sealed class LocalDistributedSystem : IAsyncDisposable
{
    private const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] Services = ["ACTIONPLANS", "TAGGING", "ENGAGEMENT", "NOTIFICATIONS", "WEB"];
    private readonly Dictionary<string, string> environment = [];
    private bool used;

    /// <param name="adminKey">The bootstrap admin key of every process.</param>
    /// <param name="settings">Extra environment for the processes (e.g. <c>Notifications__Smtp__Host</c>); the script passes its environment on.</param>
    public LocalDistributedSystem(string adminKey, IReadOnlyDictionary<string, string>? settings = null)
    {
        var gatewayPort = FreePort();
        GatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}");
        RabbitMqPort = FreeRabbitMqPort();
        environment["CT_STATE_DIR"] = StateDirectory;
        environment["CT_NO_BUILD"] = "1";
        environment["CT_CONFIGURATION"] = BuildConfiguration;
        environment["CT_ADMIN_KEY"] = adminKey;
        environment["CT_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        foreach (var service in Services)
        {
            environment[$"CT_{service}_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        }

        environment["CT_RABBITMQ_PORT"] = RabbitMqPort.ToString(CultureInfo.InvariantCulture);
        // The processes inherit these: load tests send far more than one caller's default rate, with the limiter still in the path.
        environment["RateLimits__PermitsPerMinute"] = "6000000";
        environment["RateLimits__Burst"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
    }

    /// <summary>Whether Debian's rabbitmq-server is installed (tests/run.sh installs it).</summary>
    public static bool RabbitMqInstalled => File.Exists(RabbitMqServer);

    public static string RabbitMqMissingReason =>
        $"RabbitMQ is not installed ({RabbitMqServer} missing): apt-get install rabbitmq-server, or run tests/run.sh which installs it.";

    /// <summary>Debug or Release: the configuration these binaries were built in, which the services are run from too.</summary>
    public static string BuildConfiguration { get; } = FindBuildConfiguration();

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("ct-distributed-").FullName;

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public Uri GatewayAddress { get; }

    public int RabbitMqPort { get; }

    /// <summary>Runs a command of deploy/local/distributed.sh (start, stop, broker-start, broker-kill, …) against this system.</summary>
    public async Task<string> RunAsync(string command)
    {
        used = true;
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "deploy", "local", "distributed.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"distributed.sh {command} did not finish within {ScriptTimeout}. Logs: {LogDirectory}");
        }

        var text = await output + await errors;
        return process.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"distributed.sh {command} exited with {process.ExitCode}:\n{text}");
    }

    /// <summary>Stops whatever was started and removes the state folder (kept when CT_KEEP_STATE=1, for a post-mortem).</summary>
    public async ValueTask DisposeAsync()
    {
        if (used)
        {
            await RunAsync("stop");
        }

        if (Environment.GetEnvironmentVariable("CT_KEEP_STATE") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log still held by a closing process; the OS temp cleaner takes it later.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The script derives the broker's distribution, EPMD and CLI ports as +21000, +22000 and +23000..+23010: all must be free.</summary>
    private static int FreeRabbitMqPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 30000);
            if (new[] { port, port + 21000, port + 22000 }.Concat(Enumerable.Range(port + 23000, 11)).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port range for RabbitMQ between 20000 and 30000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string FindBuildConfiguration()
    {
        // .../<project>/bin/<Configuration>/net10.0/
        var parts = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
    }
}
