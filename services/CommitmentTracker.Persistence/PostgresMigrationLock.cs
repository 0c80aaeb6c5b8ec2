using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Lets one instance at a time migrate a PostgreSQL database: a session advisory lock, held on a connection of its own
/// for the whole of <c>Migrate</c>. EF's own lock on PostgreSQL lasts one migration's transaction, and the migrations to
/// apply are read once before the first; two instances starting together on a database two migrations behind both
/// applied the second (42701: column already exists). The lock is taken in the server's <c>postgres</c> database, as
/// EF does to create a database, so it also covers the first start, when the service's database does not exist yet;
/// its key is the service database's name. It goes with the connection if the process dies. SQL Server needs none:
/// EF holds its application lock for the whole run there.
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    private const string MaintenanceDatabase = "postgres";

    private readonly NpgsqlConnection connection;
    private readonly long key;

    private PostgresMigrationLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    /// <summary>Waits for the lock on <paramref name="db"/>'s database; null for other providers.</summary>
    public static async Task<PostgresMigrationLock?> AcquireAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var key = KeyOf(target.Database ?? target.Username ?? string.Empty);
        target.Database = MaintenanceDatabase;
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            // Waits as long as the other instance migrates; not bounded by the command timeout.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>A key for the database's name that is the same in every process (string hash codes are not).</summary>
    internal static long KeyOf(string database) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("commitment-tracker migrations " + database)), 0);
}
