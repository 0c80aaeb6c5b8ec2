using System.Net;
using System.Net.Sockets;

namespace CommitmentTracker.Benchmarks;

/// <summary>Free TCP ports on 127.0.0.1, none handed out twice in one run.</summary>
internal static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Free()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException("No free loopback port.");
        }
    }

    /// <summary>
    /// distributed.sh derives the broker's Erlang distribution, EPMD and CLI ports as +21000, +22000 and
    /// +23000..+23010: all of them must be free (as DistributedSystem in the system tests chooses them).
    /// </summary>
    public static int FreeForRabbitMq()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var port = Random.Shared.Next(20000, 30000);
                int[] derived = [port, port + 21000, port + 22000, .. Enumerable.Range(port + 23000, 11)];
                if (derived.All(p => !HandedOut.Contains(p) && IsFree(p)))
                {
                    HandedOut.UnionWith(derived);
                    return port;
                }
            }

            throw new InvalidOperationException("No free port range for RabbitMQ between 20000 and 30000.");
        }
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
