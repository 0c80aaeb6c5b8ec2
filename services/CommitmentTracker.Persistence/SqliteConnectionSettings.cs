using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Per-connection SQLite settings. <c>busy_timeout</c> lets SQLite itself wait for the single writer lock with short
/// back-offs; without it Microsoft.Data.Sqlite's own retry adds long sleeps whenever a request's commit meets the
/// outbox relay's update. <c>synchronous=NORMAL</c> is the usual pairing with WAL: safe across process crashes, it
/// may lose the last commits only on an OS crash or power loss (production runs on SQL Server).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
