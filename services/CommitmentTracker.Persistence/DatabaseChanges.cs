using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CommitmentTracker.Persistence;

/// <summary>
/// A number that moves whenever anything in <typeparamref name="TContext"/>'s database has changed, read in about a
/// microsecond: what a cache of database reads checks on every request so it never serves what a commit made stale.
/// <para>
/// On a SQLite file it is SQLite's own <c>PRAGMA data_version</c>, read on one connection of its own that never writes:
/// that value changes after every commit made through any other connection, in this process or another one sharing the
/// file (WAL shared memory or the file's change counter), and the check takes no lock a writer waits for. An in-memory
/// or shared-cache database cannot tell (its connections share one pager), nor can SQL Server or PostgreSQL without a
/// query of their own: there <see cref="Generation"/> is null and callers read the database as before.
/// </para>
/// </summary>
public sealed class DatabaseChanges<TContext> : IDisposable
    where TContext : DbContext
{
    private readonly string? sqliteConnectionString;
    private readonly Lock gate = new();
    private SqliteConnection? connection;
    private sqlite3_stmt? dataVersion;
    private long lastDataVersion = long.MinValue;
    private long generation;
    private bool disposed;

    /// <param name="sqliteConnectionString">The database's SQLite connection string; null for another provider.</param>
    public DatabaseChanges(string? sqliteConnectionString)
    {
        sqliteConnectionString = sqliteConnectionString is { Length: > 0 } ? sqliteConnectionString : null;
        this.sqliteConnectionString = sqliteConnectionString is not null && CanTell(new SqliteConnectionStringBuilder(sqliteConnectionString))
            ? sqliteConnectionString
            : null;
    }

    /// <summary>True when <see cref="Generation"/> can answer (a SQLite file).</summary>
    public bool IsSupported => sqliteConnectionString is not null;

    /// <summary>
    /// The database's change generation: equal values mean no commit anywhere in between. Read it before reading
    /// what is cached under it. Null when the database cannot tell (or cannot be read just now): do not cache then.
    /// </summary>
    public long? Generation()
    {
        if (sqliteConnectionString is null)
        {
            return null;
        }

        lock (gate)
        {
            if (disposed)
            {
                return null;
            }

            try
            {
                var statement = dataVersion ?? Open();
                long version;
                try
                {
                    if (raw.sqlite3_step(statement) != raw.SQLITE_ROW)
                    {
                        return Forget();
                    }

                    version = raw.sqlite3_column_int64(statement, 0);
                }
                finally
                {
                    // Ends the read transaction the pragma opened: a connection left inside one would never see a change.
                    raw.sqlite3_reset(statement);
                }

                if (version != lastDataVersion)
                {
                    lastDataVersion = version;
                    generation++;
                }

                return generation;
            }
            catch (SqliteException)
            {
                // The file is missing (not migrated yet) or locked for recovery: no answer this time, try again next time.
                return Forget();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            Close();
        }
    }

    private sqlite3_stmt Open()
    {
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString)
        {
            // Its own native connection, outside the pool, never handed to a writer; never creates the file.
            Pooling = false,
            Mode = SqliteOpenMode.ReadWrite,
        };
        connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var result = raw.sqlite3_prepare_v2(connection.Handle, "PRAGMA data_version", out var statement);
        if (result != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw new SqliteException($"PRAGMA data_version could not be prepared ({result}).", result);
        }

        dataVersion = statement;
        return statement;
    }

    private long? Forget()
    {
        Close();
        // A reopened connection counts data_version from another start: whatever was cached before is not trusted.
        lastDataVersion = long.MinValue;
        generation++;
        return null;
    }

    private void Close()
    {
        dataVersion?.Dispose();
        dataVersion = null;
        connection?.Dispose();
        connection = null;
    }

    // In-memory and shared-cache databases share one pager between connections: data_version does not move for them.
    private static bool CanTell(SqliteConnectionStringBuilder builder) =>
        builder.DataSource is { Length: > 0 } source
        && source != ":memory:"
        && !source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase)
        && !source.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase)
        && builder.Mode is not SqliteOpenMode.Memory
        && builder.Cache is not SqliteCacheMode.Shared;
}
