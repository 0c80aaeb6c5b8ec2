using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Per-connection SQLite settings. <c>busy_timeout</c> lets SQLite itself wait for the single writer lock with short
/// back-offs; without it Microsoft.Data.Sqlite's own retry adds long sleeps whenever a request's commit meets the
/// outbox relay's update. <c>synchronous=NORMAL</c> is the usual pairing with WAL: safe across process crashes, it
/// may lose the last commits only on an OS crash or power loss (production runs on SQL Server).
/// Both settings belong to the native connection, which Microsoft.Data.Sqlite pools: they are applied once per native
/// connection, not on every open (which was two statements more for every query of every request).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    // Native connections already set up; weak, so a connection the pool drops takes its entry with it.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!NeedsSettings(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!NeedsSettings(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private static bool NeedsSettings(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}
