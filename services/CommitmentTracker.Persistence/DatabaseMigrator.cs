using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Persistence;

/// <summary>Applies migrations before the service takes traffic or messages (hosted services start in registration order).</summary>
internal sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateAtStart)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            EnsureSqliteFolderExists(db.Database.GetConnectionString());
        }

        if (await IsUpToDateAsync(db, cancellationToken))
        {
            LogUpToDate(logger, typeof(TContext).Name);
        }
        else
        {
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            catch (DbException e) when (e.SqlState == DuplicateDatabase)
            {
                // Two instances starting together: the other created the database between EF's look and its CREATE
                // DATABASE. Migrating again finds it; the migrations themselves are serialised by EF's migration lock.
                LogCreatedMeanwhile(logger, typeof(TContext).Name);
                await db.Database.MigrateAsync(cancellationToken);
            }

            LogMigrated(logger, typeof(TContext).Name);
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer (request handlers, consumers and the outbox relay).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Whether every migration of the assembly is already applied: one read of the history table. Only then is
    /// <c>Migrate</c> skipped, which would otherwise take the migrations lock and build the model snapshot to look for
    /// unmigrated model changes on every start.
    /// </summary>
    internal static async Task<bool> IsUpToDateAsync(DbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return known.Count > 0 && known.All(applied.Contains);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SQLSTATE 42P04, duplicate_database (PostgreSQL).</summary>
    private const string DuplicateDatabase = "42P04";

    private static void EnsureSqliteFolderExists(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    [LoggerMessage(LogLevel.Information, "Database of {Context} migrated")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(LogLevel.Information, "Database of {Context} was created by another instance meanwhile; migrating it")]
    private static partial void LogCreatedMeanwhile(ILogger logger, string context);

    [LoggerMessage(LogLevel.Information, "Database of {Context} is up to date")]
    private static partial void LogUpToDate(ILogger logger, string context);
}
