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
    // Several checking connections, each behind its own lock: with one, requests queued behind a holder the OS had
    // switched out (2 cores, a busy machine). Every connection bumps the shared generation at its first check after a
    // commit, so whichever one a request uses, no commit made before its check goes unnoticed.
    private readonly Slot[] slots = [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount * 2, 4, 16)).Select(_ => new Slot())];
    private readonly Lock opening = new();
    private long generation;
    private volatile bool opened;
    private volatile bool disposed;

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
        if (sqliteConnectionString is null || disposed || (!opened && !OpenAll()))
        {
            return null;
        }

        var first = (int)((uint)Environment.CurrentManagedThreadId % (uint)slots.Length);
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[(first + i) % slots.Length];
            if (slot.Gate.TryEnter())
            {
                try
                {
                    return Check(slot);
                }
                finally
                {
                    slot.Gate.Exit();
                }
            }
        }

        lock (slots[first].Gate)
        {
            return Check(slots[first]);
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var slot in slots)
        {
            lock (slot.Gate)
            {
                slot.Dispose();
            }
        }
    }

    // Every connection at once, each starting from the value it reads now, then one bump: a connection opened later
    // alone (after a failure) would have to bump at its first check, and a request using it would find the cache empty.
    private bool OpenAll()
    {
        lock (opening)
        {
            if (opened)
            {
                return true;
            }

            try
            {
                foreach (var slot in slots)
                {
                    lock (slot.Gate)
                    {
                        slot.LastDataVersion = slot.Read(sqliteConnectionString!) ?? throw new SqliteException("PRAGMA data_version gave no row.", raw.SQLITE_ERROR);
                    }
                }
            }
            catch (SqliteException)
            {
                // The file is missing (not migrated yet) or locked for recovery: no answer this time, try again next time.
                foreach (var slot in slots)
                {
                    lock (slot.Gate)
                    {
                        slot.Close();
                    }
                }

                return false;
            }

            Interlocked.Increment(ref generation);
            opened = true;
            return true;
        }
    }

    // Under slot.Gate.
    private long? Check(Slot slot)
    {
        if (disposed)
        {
            return null;
        }

        try
        {
            if (slot.Read(sqliteConnectionString!) is not { } version)
            {
                return Forget(slot);
            }

            if (version != slot.LastDataVersion)
            {
                slot.LastDataVersion = version;
                return Interlocked.Increment(ref generation);
            }

            return Interlocked.Read(ref generation);
        }
        catch (SqliteException)
        {
            // The file is missing (not migrated yet) or locked for recovery: no answer this time, try again next time.
            return Forget(slot);
        }
    }

    private long? Forget(Slot slot)
    {
        slot.Close();
        // A reopened connection counts data_version from another start: whatever was cached before is not trusted.
        Interlocked.Increment(ref generation);
        return null;
    }

    // In-memory and shared-cache databases share one pager between connections: data_version does not move for them.
    private static bool CanTell(SqliteConnectionStringBuilder builder) =>
        SqliteFile.PathOf(builder) is not null && builder.Cache is not SqliteCacheMode.Shared;

    /// <summary>One checking connection and its prepared <c>PRAGMA data_version</c>.</summary>
    private sealed class Slot : IDisposable
    {
        public Lock Gate { get; } = new();

        public sqlite3_stmt? DataVersion { get; private set; }

        /// <summary>The value last seen; none after (re)opening, so the first check bumps the generation.</summary>
        public long LastDataVersion { get; set; } = long.MinValue;

        private SqliteConnection? connection;

        /// <summary>data_version now (opening the connection first if needed), or null when the pragma gave no row.</summary>
        public long? Read(string connectionString)
        {
            var statement = DataVersion ?? Open(connectionString);
            try
            {
                return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : null;
            }
            finally
            {
                // Ends the read transaction the pragma opened: a connection left inside one would never see a change.
                raw.sqlite3_reset(statement);
            }
        }

        public void Dispose() => Close();

        private sqlite3_stmt Open(string connectionString)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString)
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

            DataVersion = statement;
            return statement;
        }

        public void Close()
        {
            DataVersion?.Dispose();
            DataVersion = null;
            connection?.Dispose();
            connection = null;
            LastDataVersion = long.MinValue;
        }
    }
}
