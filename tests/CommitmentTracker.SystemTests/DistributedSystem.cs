using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommitmentTracker.Client;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// The distributed mode as a developer runs it — deploy/local/distributed.sh: a private RabbitMQ node, the four
/// services and the gateway as separate processes — on free loopback ports and a temporary state folder.
/// Without RabbitMQ installed the tests skip, except under CI=true, where they fail.
/// </summary>
public sealed class DistributedSystem : IAsyncLifetime
{
    public const string AdminKey = "system-test-admin-key-0123456789";
    private const string RabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private readonly string stateDirectory = Directory.CreateTempSubdirectory("ct-system-").FullName;
    private readonly Dictionary<string, string> environment = [];
    private bool started;

    public string? SkipReason { get; private set; }

    public Uri GatewayAddress { get; private set; } = new("http://127.0.0.1:8080");

    public string LogDirectory => Path.Combine(stateDirectory, "logs");

    public ICommitmentTrackerApi AdminApi => CommitmentTrackerClient.Create(GatewayAddress, AdminKey);

    public HttpClient CreateHttpClient(string? apiKey = AdminKey)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Skips the calling test when the system could not be started here (never under CI).</summary>
    public void RequireRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(RabbitMqServer))
        {
            var reason = $"RabbitMQ is not installed ({RabbitMqServer} missing): apt-get install rabbitmq-server, or run tests/run.sh which installs it.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true: system tests need their broker. " + reason);
            }

            SkipReason = reason;
            return;
        }

        var rabbitPort = FreeRabbitMqPort();
        var gatewayPort = FreePort();
        GatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}");
        environment["CT_STATE_DIR"] = stateDirectory;
        environment["CT_NO_BUILD"] = "1";
        environment["CT_CONFIGURATION"] = BuildConfiguration();
        environment["CT_ADMIN_KEY"] = AdminKey;
        environment["CT_GATEWAY_PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var service in new[] { "ACTIONPLANS", "TAGGING", "ENGAGEMENT", "NOTIFICATIONS" })
        {
            environment[$"CT_{service}_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        environment["CT_RABBITMQ_PORT"] = rabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        started = true;
        await RunScriptAsync("start");
    }

    /// <summary>Runs a command of deploy/local/distributed.sh against this system (e.g. broker-kill, broker-start).</summary>
    public async Task<string> RunScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "deploy", "local", "distributed.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
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
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"distributed.sh {command} exited with {process.ExitCode}:\n{text}");
        }

        return text;
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await RunScriptAsync("stop");
        }

        if (Environment.GetEnvironmentVariable("CT_KEEP_STATE") == "1")
        {
            return; // logs and databases stay for a post-mortem
        }

        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a process that is still closing; the temp folder is cleaned by the OS later.
        }
    }

    private static string BuildConfiguration()
    {
        // .../tests/CommitmentTracker.SystemTests/bin/<Configuration>/net10.0/
        var parts = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CommitmentTracker.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No CommitmentTracker.slnx above the test binaries.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The script derives the broker's distribution, EPMD and CLI ports as +21000, +22000 and +23000(..+10): all must be free.</summary>
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
}

[CollectionDefinition(Name)]
public sealed class SharedDistributedSystem : ICollectionFixture<DistributedSystem>
{
    public const string Name = "distributed system";
}
