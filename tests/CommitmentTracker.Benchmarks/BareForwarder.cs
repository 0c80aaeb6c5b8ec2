using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// The least a proxy hop built on YARP costs on this machine: Kestrel and YARP's direct forwarder passing every request
/// to one address, with nothing else in the path (no authentication, rate limits, telemetry, logging or retries). The
/// gateway benchmark runs it as a process of its own beside the gateway, so the gateway's cost splits into the hop
/// itself and what the gateway adds to it.
/// </summary>
internal static class BareForwarder
{
    public const string Command = "bare-forwarder";

    public static async Task RunAsync(Uri destination, Uri listenOn)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(listenOn.ToString());
        builder.Services.AddRoutingCore();
        builder.Services.AddHttpForwarder();
        await using var app = builder.Build();
        app.MapForwarder("/{**catch-all}", destination.ToString());
        await app.RunAsync();
    }

    /// <summary>This program started again as a bare forwarder to <paramref name="destination"/>, on a free loopback port.</summary>
    public static Running Start(Uri destination)
    {
        var address = new Uri($"http://127.0.0.1:{CommitmentTracker.Testing.LocalDistributedSystem.FreePort()}");
        var process = ChildProcess.StartDrained(new ProcessStartInfo("dotnet", [typeof(BareForwarder).Assembly.Location, Command, destination.ToString(), address.ToString()]));
        return new Running(process, address);
    }

    internal sealed class Running(Process process, Uri address) : IAsyncDisposable
    {
        public Uri Address => address;

        public int Id => process.Id;

        public ValueTask DisposeAsync() => ChildProcess.StopAsync(process);
    }
}
