using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.AppHost;

/// <summary>
/// A small plain-text HTTP endpoint on loopback (<c>CT_CONTROL_PORT</c>, the gateway's port + 13) through which
/// distributed.sh and the system tests run the AppHost's own resource commands, the ones the dashboard's buttons run:
/// <list type="bullet">
/// <item><c>GET /resources</c>: one line per resource: name, state, health, pid.</item>
/// <item><c>POST /resources/{name}/start|stop|restart</c>: runs the command and answers once the resource is healthy
/// again (start, restart) or has exited (stop); 404 for an unknown resource, 409 when the command fails.</item>
/// </list>
/// </summary>
internal sealed partial class ControlChannel(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    LocalSettings settings,
    ILogger<ControlChannel> logger) : BackgroundService
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private readonly ConcurrentDictionary<string, CustomResourceSnapshot> latest = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{settings.ControlPort}/");
        listener.Start();
        LogListening(logger, settings.ControlPort);
        var watching = WatchAsync(stoppingToken);
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                break;
            }

            _ = Task.Run(() => AnswerAsync(context, stoppingToken), stoppingToken);
        }

        await watching;
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                latest[change.Resource.Name] = change.Snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken stoppingToken)
    {
        var (status, text) = (500, "unexpected error");
        try
        {
            var segments = context.Request.Url!.AbsolutePath.Trim('/').Split('/');
            (status, text) = (context.Request.HttpMethod, segments) switch
            {
                ("GET", ["resources"]) => (200, Table()),
                ("POST", ["resources", var name, var command]) => await RunAsync(name, command, stoppingToken),
                _ => (404, "GET /resources, or POST /resources/{name}/start|stop|restart"),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
            (status, text) = (500, exception.Message);
        }
        finally
        {
            var body = Encoding.UTF8.GetBytes(text + "\n");
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(body, stoppingToken);
            context.Response.Close();
        }
    }

    private string Table()
    {
        var lines = model.Resources.Select(resource =>
        {
            var snapshot = latest.GetValueOrDefault(resource.Name);
            var pid = snapshot?.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
            return $"{resource.Name}\t{snapshot?.State?.Text ?? "Unknown"}\t{snapshot?.HealthStatus?.ToString() ?? "-"}\t{(string.IsNullOrEmpty(pid) ? "-" : pid)}";
        });
        return string.Join('\n', lines);
    }

    private async Task<(int Status, string Text)> RunAsync(string name, string command, CancellationToken stoppingToken)
    {
        if (model.Resources.FirstOrDefault(r => r.Name == name) is not { } resource)
        {
            return (404, $"no resource '{name}'");
        }

        var commandName = command switch
        {
            "start" => KnownResourceCommands.StartCommand,
            "stop" => KnownResourceCommands.StopCommand,
            "restart" => KnownResourceCommands.RestartCommand,
            _ => null,
        };
        if (commandName is null)
        {
            return (404, $"no command '{command}' (start, stop, restart)");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(CommandTimeout);
        var result = await commands.ExecuteCommandAsync(resource, commandName, timeout.Token);
        if (!result.Success)
        {
            return (409, $"{command} {name}: {result.Message ?? "failed"}");
        }

        try
        {
            if (command == "stop")
            {
                await notifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, timeout.Token);
            }
            else
            {
                await notifications.WaitForResourceHealthyAsync(name, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (504, $"{command} {name}: not done within {CommandTimeout.TotalSeconds:0} s");
        }

        return (200, $"{command} {name}: done");
    }

    [LoggerMessage(LogLevel.Information, "Control channel on http://127.0.0.1:{Port}/resources")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(LogLevel.Error, "Control channel request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
