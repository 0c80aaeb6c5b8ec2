using CommitmentTracker.Edge.Data;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Platform.Tests;

/// <summary>
/// Migrations at start are skipped only when every migration is already applied: a database with a pending migration,
/// or a new one, is still migrated. (The key store's context: it has more than one migration.)
/// </summary>
public sealed class DatabaseMigratorTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-migrator-");
    private readonly ServiceProvider services;

    public DatabaseMigratorTests()
    {
        var file = Path.Combine(folder.FullName, "keys.db");
        services = new ServiceCollection()
            .AddDbContext<ApiKeyDb, SqliteApiKeyDb>(options => options.UseSqlite($"Data Source={file}"))
            .BuildServiceProvider();
    }

    [Fact]
    public async Task A_database_with_a_pending_migration_is_migrated()
    {
        string[] migrations;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiKeyDb>();
            migrations = [.. db.Database.GetMigrations()];
            Assert.True(migrations.Length > 1, "the test needs a context with at least two migrations");
            await db.GetService<IMigrator>().MigrateAsync(migrations[0], Ct);
            Assert.False(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(db, Ct));
        }

        await Migrator().StartAsync(Ct);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiKeyDb>();
            Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            Assert.Equal(0, await db.Generations.Where(g => g.Id == KeyStoreGeneration.SingleId).Select(g => g.Revocations).SingleAsync(Ct));
            Assert.True(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(db, Ct));
        }
    }

    [Fact]
    public async Task A_new_database_is_migrated_and_then_found_up_to_date()
    {
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.False(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(scope.ServiceProvider.GetRequiredService<ApiKeyDb>(), Ct));
        }

        await Migrator().StartAsync(Ct);
        // A second start finds nothing to do and leaves the database as it was.
        await Migrator().StartAsync(Ct);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApiKeyDb>();
            Assert.True(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(db, Ct));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            Assert.False(await db.Keys.AnyAsync(Ct));
        }
    }

    /// <summary>
    /// Two instances creating one database at once: the loser's CREATE DATABASE fails, and it migrates again. Only the
    /// errors of that race are taken for it. (SqlException cannot be built outside SqlClient: its error numbers are checked.)
    /// </summary>
    [Fact]
    public void A_database_created_by_another_instance_meanwhile_is_recognised_and_nothing_else()
    {
        Assert.True(DatabaseMigrator<ApiKeyDb>.CreatedMeanwhile(new Npgsql.PostgresException("database \"x\" already exists", "ERROR", "ERROR", "42P04")));
        Assert.False(DatabaseMigrator<ApiKeyDb>.CreatedMeanwhile(new Npgsql.PostgresException("permission denied to create database", "ERROR", "ERROR", "42501")));
        Assert.False(DatabaseMigrator<ApiKeyDb>.CreatedMeanwhile(new Npgsql.PostgresException("relation \"x\" already exists", "ERROR", "ERROR", "42P07")));

        // SQL Server: 1801 "Database already exists"; 5170 "Cannot create file … because it already exists", sent with 1802.
        Assert.True(DatabaseMigrator<ApiKeyDb>.SqlServerCreatedMeanwhile([1801]));
        Assert.True(DatabaseMigrator<ApiKeyDb>.SqlServerCreatedMeanwhile([5170, 1802]));
        // 1802 "CREATE DATABASE failed" alone (no space, no permission on the folder, …) is not the race; nor is a login failure.
        Assert.False(DatabaseMigrator<ApiKeyDb>.SqlServerCreatedMeanwhile([1802]));
        Assert.False(DatabaseMigrator<ApiKeyDb>.SqlServerCreatedMeanwhile([262]));
        Assert.False(DatabaseMigrator<ApiKeyDb>.SqlServerCreatedMeanwhile([18456]));
        Assert.False(DatabaseMigrator<ApiKeyDb>.SqlServerCreatedMeanwhile([]));
    }

    public void Dispose()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private DatabaseMigrator<ApiKeyDb> Migrator() => new(
        services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new DatabaseOptions { MigrateAtStart = true }),
        NullLogger<DatabaseMigrator<ApiKeyDb>>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
