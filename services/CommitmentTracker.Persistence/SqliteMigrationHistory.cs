using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Infrastructure.Internal;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Whether a SQLite database has every migration of its context applied, found without EF building the context's
/// model: any use of <c>DbContext.Database</c> builds it, which was most of the embedded host's start (issue 21).
/// The migrations are the ones EF's own migrations assembly finds (types deriving from <see cref="Migration"/> whose
/// <see cref="DbContextAttribute"/> names the context, id from <see cref="MigrationAttribute"/>); the applied ones
/// are read from the history table with a plain connection.
/// </summary>
internal static class SqliteMigrationHistory
{
    /// <summary>The SQLite file's connection of <paramref name="contextType"/>'s options, or null on another provider.</summary>
    public static SqliteTarget? Find(IServiceProvider services, Type contextType)
    {
        var options = services.GetService(typeof(DbContextOptions<>).MakeGenericType(contextType)) as DbContextOptions;
#pragma warning disable EF1001 // The extension is EF's own record of UseSqlite: the connection string and migration settings.
        var sqlite = options?.FindExtension<SqliteOptionsExtension>();
#pragma warning restore EF1001
        return sqlite?.ConnectionString is { Length: > 0 } connectionString && sqlite.Connection is null
            ? new SqliteTarget(connectionString, sqlite.MigrationsAssembly, sqlite.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName)
            : null;
    }

    /// <summary>The ids of <paramref name="contextType"/>'s migrations, as EF finds them.</summary>
    public static IReadOnlySet<string> MigrationIds(Type contextType, string? migrationsAssembly)
    {
        var assembly = migrationsAssembly is null ? contextType.Assembly : Assembly.Load(new AssemblyName(migrationsAssembly));
        return assembly.DefinedTypes
            .Where(type => type.IsSubclassOf(typeof(Migration)) && !type.IsAbstract && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether every migration of <paramref name="contextType"/> is in the history table. A missing file or history
    /// table is a database still to migrate (false); a database with migrations this build does not know is left to
    /// EF's <c>Migrate</c> as before (true only when all known ones are applied, whatever else is there).
    /// </summary>
    public static async Task<bool> IsUpToDateAsync(SqliteTarget target, Type contextType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var known = MigrationIds(contextType, target.MigrationsAssembly);
        if (known.Count == 0 || SqliteFile.PathOf(target.ConnectionString) is not { } file || !File.Exists(file))
        {
            return false;
        }

        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = $table";
        command.Parameters.AddWithValue("$table", target.HistoryTable);
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            return false;
        }

        command.Parameters.Clear();
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{target.HistoryTable.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        return known.IsSubsetOf(applied);
    }

    /// <summary>WAL lets readers run beside the single writer (request handlers, consumers and the outbox relay); it stays set in the file.</summary>
    public static async Task UseWalAsync(SqliteTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A context's SQLite database as its options give it.</summary>
internal sealed record SqliteTarget(string ConnectionString, string? MigrationsAssembly, string HistoryTable);
