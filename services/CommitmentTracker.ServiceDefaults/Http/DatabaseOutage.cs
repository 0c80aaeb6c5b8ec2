using System.Data.Common;
using System.Net.Sockets;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// Tells a failure caused by the database being out of reach (down, restarting, refusing connections) from any other:
/// requests answer it with a 503, consumers hold their messages until the database is back instead of faulting them.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Whether <paramref name="exception"/>, or one it wraps, says the database could not be reached.</summary>
    public static bool IsCause(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database && (database.IsTransient || IsConnectionState(database.SqlState)))
            {
                return true;
            }

            if (current is DbException && current.InnerException is SocketException or TimeoutException or IOException)
            {
                return true;
            }
        }

        return false;
    }

    // SQLSTATE class 08 (connection exception) and 57P01-57P03 (server shutting down, crashed, not yet accepting).
    private static bool IsConnectionState(string? state) =>
        state is not null && (state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03");
}
