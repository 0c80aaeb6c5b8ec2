using Npgsql;

namespace CommitmentTracker.Persistence;

/// <summary>The settings a PostgreSQL connection string gets when it does not name them itself.</summary>
public static class PostgresConnection
{
    /// <summary>Seconds to wait for a connection: short, so a request meets a down database with a quick 503, not a hang.</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    /// <summary>
    /// <paramref name="connectionString"/> with a bounded connect timeout unless it sets one (Npgsql waits 15 s by
    /// default). Commands keep Npgsql's 30 s: a large import's statements may take a while.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!NamesConnectTimeout(connectionString))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        return builder.ConnectionString;
    }

    // NpgsqlConnectionStringBuilder reports every setting, named or not; the plain parse keeps only what the text names.
    private static bool NamesConnectTimeout(string connectionString) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
            .Any(k => k is "TIMEOUT" or "CONNECTTIMEOUT" or "CONNECTIONTIMEOUT");
}
