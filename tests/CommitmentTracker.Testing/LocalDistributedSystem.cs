using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CommitmentTracker.Testing;

/// <summary>
/// The distributed mode as a developer runs it, through deploy/local/distributed.sh and the Aspire AppHost behind it: a
/// private RabbitMQ node, the four services (one or more instances each), the web workspace and the gateway as separate
/// processes, on a block of free loopback ports and a temporary state folder.
/// </summary>
public sealed class LocalDistributedSystem : IAsyncDisposable
{
    private const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);
    private readonly Dictionary<string, string> environment = [];
    private bool used;

    /// <summary>How many ports a run takes from the gateway's port up (the AppHost's LocalSettings.PortBlock).</summary>
    public const int PortBlock = 70;

    /// <param name="adminKey">The bootstrap admin key of every process.</param>
    /// <param name="settings">Extra environment for the processes (e.g. <c>Notifications__Smtp__Host</c>): the AppHost passes every <c>Section__Key</c> variable on.</param>
    /// <param name="replicas">Instances of each service (<c>CT_REPLICAS</c>).</param>
    public LocalDistributedSystem(string adminKey, IReadOnlyDictionary<string, string>? settings = null, int replicas = 1)
    {
        // Every port of the run is derived from the gateway's: the whole block must be free.
        var gatewayPort = FreePortBlock(PortBlock);
        GatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}");
        RabbitMqPort = gatewayPort + 6;
        PostgresPort = gatewayPort + 7;
        ControlAddress = new Uri($"http://127.0.0.1:{gatewayPort + 13}");
        environment["CT_STATE_DIR"] = StateDirectory;
        environment["CT_NO_BUILD"] = "1";
        environment["CT_CONFIGURATION"] = BuildConfiguration;
        environment["CT_ADMIN_KEY"] = adminKey;
        environment["CT_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        environment["CT_REPLICAS"] = replicas.ToString(CultureInfo.InvariantCulture);
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

    /// <summary>The run's PostgreSQL server (CT_DB_PROVIDER=Postgres), the gateway's port + 7 as the AppHost derives it.</summary>
    public int PostgresPort { get; }

    /// <summary>
    /// A connection to one service's database on the run's PostgreSQL server (<c>actionplans</c>, <c>tagging</c>,
    /// <c>engagement</c>, <c>notifications</c>, <c>apikeys</c>), as the AppHost gives it to the service.
    /// </summary>
    public string PostgresConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database=commitment_tracker_{database};Pooling=false";

    /// <summary>The AppHost's control channel: <c>GET /resources</c>, <c>POST /resources/{name}/start|stop|restart</c>.</summary>
    public Uri ControlAddress { get; }

    /// <summary>Runs a command of deploy/local/distributed.sh (start, stop, broker-start, broker-kill, resource-kill tagging-2, …) against this system.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        used = true;
        var command = string.Join(' ', arguments);
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "deploy", "local", "distributed.sh"), .. arguments])
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

    /// <summary>The first port of a block of <paramref name="size"/> free loopback ports (below the ephemeral range).</summary>
    private static int FreePortBlock(int size)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20000, 32000 - size);
            if (Enumerable.Range(first, size).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No block of {size} free ports between 20000 and 32000.");
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
