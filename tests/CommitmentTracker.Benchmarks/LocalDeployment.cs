using System.Diagnostics;
using System.Globalization;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// deploy/local/distributed.sh run against a private state folder and free loopback ports, from the Release build
/// (CT_NO_BUILD=1). Disposing runs the given stop command (even after a failed or cancelled start: the script stops
/// whatever its pid files name) and removes the state folder.
/// </summary>
internal sealed class LocalDeployment(string adminKey, string stopCommand) : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);
    private readonly Dictionary<string, string> settings = [];
    private bool used;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("ct-bench-distributed-").FullName;

    public int GatewayPort { get; } = LoopbackPorts.Free();

    public int RabbitMqPort { get; } = LoopbackPorts.FreeForRabbitMq();

    public Uri GatewayAddress => new($"http://127.0.0.1:{GatewayPort}");

    /// <summary>Runs one command of distributed.sh (start, broker-start, …); throws with the script's output when it fails.</summary>
    public async Task RunAsync(string command, CancellationToken cancellationToken)
    {
        used = true;
        var start = new ProcessStartInfo("bash", [Checkout.DistributedScript, command])
        {
            WorkingDirectory = Checkout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Settings())
        {
            start.Environment[key] = value;
        }

        using var script = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = script.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = script.StandardError.ReadToEndAsync(CancellationToken.None);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ScriptTimeout);
        try
        {
            await script.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            // The services it started run in their own sessions (setsid): the stop command at dispose ends them.
            script.Kill(entireProcessTree: true);
            throw new TimeoutException($"distributed.sh {command} did not finish within {ScriptTimeout.TotalMinutes:0} min (or was cancelled). Logs: {StateDirectory}/logs");
        }

        var text = await output + await errors;
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"distributed.sh {command} exited with {script.ExitCode}:\n{text}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (used)
        {
            try
            {
                await RunAsync(stopCommand, CancellationToken.None);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                await Console.Error.WriteLineAsync($"WARNING: distributed.sh {stopCommand} failed; state kept in {StateDirectory}\n{exception.Message}");
                return;
            }
        }

        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log still held by a closing process: the OS's temp cleaner takes it later.
        }
    }

    private Dictionary<string, string> Settings()
    {
        if (settings.Count == 0)
        {
            settings["CT_STATE_DIR"] = StateDirectory;
            settings["CT_NO_BUILD"] = "1";
            settings["CT_CONFIGURATION"] = Checkout.Configuration;
            settings["CT_ADMIN_KEY"] = adminKey;
            settings["CT_GATEWAY_PORT"] = Text(GatewayPort);
            foreach (var service in (string[])["ACTIONPLANS", "TAGGING", "ENGAGEMENT", "NOTIFICATIONS"])
            {
                settings[$"CT_{service}_PORT"] = Text(LoopbackPorts.Free());
            }

            settings["CT_RABBITMQ_PORT"] = Text(RabbitMqPort);
        }

        return settings;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
