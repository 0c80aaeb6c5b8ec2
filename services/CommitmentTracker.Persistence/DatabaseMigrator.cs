using System.Data.Common;
using System.Diagnostics;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Applies migrations before the service takes traffic or messages (hosted services start in registration order). A
/// database out of reach is waited for, up to <c>Database:StartupWait</c>, instead of stopping the process.
/// The work starts in <see cref="StartingAsync"/>, which the host calls for every hosted service before any
/// <c>StartAsync</c>: a process with several databases checks them all at once (issue 21: start-up), and
/// <see cref="StartAsync"/> waits for this database's, so the services registered after it still start after it.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedLifecycleService
    where TContext : DbContext
{
    private Task? migration;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // On a pool thread: the host goes on to the next migrator's StartingAsync without waiting for this one.
        migration = Task.Run(() => MigrateWhenReachableAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => migration ?? MigrateWhenReachableAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateWhenReachableAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateAtStart)
        {
            return;
        }

        var waited = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (DatabaseOutage.IsCause(exception) && waited.Elapsed + pause <= options.Value.StartupWait && !cancellationToken.IsCancellationRequested)
            {
                LogUnreachable(logger, exception, typeof(TContext).Name, pause.TotalSeconds);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LastPause.Ticks));
            }
        }
    }

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastPause = TimeSpan.FromSeconds(5);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // A SQLite file is checked without EF building the context's model (the embedded host's five databases).
        var sqlite = SqliteMigrationHistory.Find(scope.ServiceProvider, db.GetType());
        if (sqlite is not null)
        {
            EnsureSqliteFolderExists(sqlite.ConnectionString);
        }

        if (sqlite is not null ? await SqliteMigrationHistory.IsUpToDateAsync(sqlite, db.GetType(), cancellationToken) : await IsUpToDateAsync(db, cancellationToken))
        {
            LogUpToDate(logger, typeof(TContext).Name);
        }
        else
        {
            await using var exclusive = await PostgresMigrationLock.AcquireAsync(db, cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            catch (DbException e) when (CreatedMeanwhile(e))
            {
                // Two instances starting together: the other created the database between EF's look and its CREATE
                // DATABASE. Migrating again finds it; the migrations themselves are serialised by EF's migration lock
                // (and on PostgreSQL by ours around the whole run).
                // Anything else behind the error (a stray data file on SQL Server) fails this second attempt too.
                LogCreatedMeanwhile(logger, typeof(TContext).Name);
                await db.Database.MigrateAsync(cancellationToken);
            }

            LogMigrated(logger, typeof(TContext).Name);
        }

        if (sqlite is not null)
        {
            await SqliteMigrationHistory.UseWalAsync(sqlite, cancellationToken);
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

    /// <summary>
    /// Whether CREATE DATABASE failed because the database came into being after EF looked for it: PostgreSQL's
    /// SQLSTATE 42P04 (duplicate_database), or on SQL Server error 1801 ("Database already exists") or 5170 (its data
    /// file already exists: the other CREATE DATABASE has made it but not yet registered the database; SQL Server sends
    /// it with 1802, "CREATE DATABASE failed", which alone has many other causes and is not taken).
    /// </summary>
    internal static bool CreatedMeanwhile(DbException exception) => exception is SqlException sql
        ? SqlServerCreatedMeanwhile(sql.Errors.Cast<SqlError>().Select(e => e.Number))
        : exception.SqlState == DuplicateDatabase;

    /// <summary>The SQL Server half of <see cref="CreatedMeanwhile"/>, on the error numbers of one exception.</summary>
    internal static bool SqlServerCreatedMeanwhile(IEnumerable<int> errorNumbers) =>
        errorNumbers.Any(number => number is DatabaseAlreadyExists or DataFileAlreadyExists);

    /// <summary>SQLSTATE 42P04, duplicate_database (PostgreSQL).</summary>
    private const string DuplicateDatabase = "42P04";

    /// <summary>SQL Server: "Database '…' already exists. Choose a different database name."</summary>
    private const int DatabaseAlreadyExists = 1801;

    /// <summary>SQL Server: "Cannot create file '…' because it already exists."</summary>
    private const int DataFileAlreadyExists = 5170;

    private static void EnsureSqliteFolderExists(string? connectionString)
    {
        if (Path.GetDirectoryName(SqliteFile.PathOf(connectionString)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Database of {Context} cannot be reached at start; trying again in {Seconds} s")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string context, double seconds);

    [LoggerMessage(LogLevel.Information, "Database of {Context} migrated")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(LogLevel.Information, "Database of {Context} was created by another instance meanwhile; migrating it")]
    private static partial void LogCreatedMeanwhile(ILogger logger, string context);

    [LoggerMessage(LogLevel.Information, "Database of {Context} is up to date")]
    private static partial void LogUpToDate(ILogger logger, string context);
}
