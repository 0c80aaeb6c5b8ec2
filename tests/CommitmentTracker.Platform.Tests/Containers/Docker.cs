using System.Net.Sockets;

namespace CommitmentTracker.Platform.Tests.Containers;

/// <summary>Testcontainers tests run where a Docker engine answers and skip, saying why, where none does.</summary>
internal static class Docker
{
    private static readonly Lazy<string?> Unavailable = new(FindReason);

    public static void Require()
    {
        if (Unavailable.Value is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static string? FindReason()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return null; // a remote or custom engine: let Testcontainers connect (and fail loudly if it cannot)
        }

        const string socket = "/var/run/docker.sock";
        if (!File.Exists(socket))
        {
            return $"No Docker engine: {socket} does not exist and DOCKER_HOST is not set.";
        }

        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return null;
        }
        catch (SocketException exception)
        {
            return $"No Docker engine answers on {socket}: {exception.Message}";
        }
    }
}
