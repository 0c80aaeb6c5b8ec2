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
    /// A SQLite database is checked without EF's model: the same migrations as EF finds, and the same answer as EF's
    /// own look in each state — no file, a pending migration, all applied, and a database ahead of this build.
    /// </summary>
    [Fact]
    public async Task The_SQLite_check_without_the_model_agrees_with_EF()
    {
        var target = SqliteMigrationHistory.Find(services, typeof(SqliteApiKeyDb));
        Assert.NotNull(target);
        Assert.False(await SqliteMigrationHistory.IsUpToDateAsync(target, typeof(SqliteApiKeyDb), Ct));
        Assert.False(File.Exists(Path.Combine(folder.FullName, "keys.db")), "the check creates no database");

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiKeyDb>();
        string[] migrations = [.. db.Database.GetMigrations()];
        Assert.Equal(migrations.Order(StringComparer.Ordinal), SqliteMigrationHistory.MigrationIds(typeof(SqliteApiKeyDb), null).Order(StringComparer.Ordinal));

        await db.GetService<IMigrator>().MigrateAsync(migrations[0], Ct);
        Assert.False(await SqliteMigrationHistory.IsUpToDateAsync(target, typeof(SqliteApiKeyDb), Ct));
        Assert.False(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(db, Ct));

        await db.Database.MigrateAsync(Ct);
        Assert.True(await SqliteMigrationHistory.IsUpToDateAsync(target, typeof(SqliteApiKeyDb), Ct));
        Assert.True(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(db, Ct));

        // A newer build's migration in the history: what this build knows is applied, as EF's look also says.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('99990101000000_FromANewerBuild', '10.0.0')", Ct);
        Assert.True(await SqliteMigrationHistory.IsUpToDateAsync(target, typeof(SqliteApiKeyDb), Ct));
        Assert.True(await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(db, Ct));
    }

    /// <summary>The migrator finds an up-to-date SQLite database without building the context's model.</summary>
    [Fact]
    public async Task An_up_to_date_SQLite_database_is_checked_without_building_the_model()
    {
        await Migrator().StartAsync(Ct);
        var file = Path.Combine(folder.FullName, "keys.db");
        await using var counting = new ServiceCollection()
            .AddDbContext<ApiKeyDb, SqliteApiKeyDb>(options => options.UseSqlite($"Data Source={file}").ReplaceService<IModelCustomizer, CountingModelCustomizer>())
            .BuildServiceProvider();

        await new DatabaseMigrator<ApiKeyDb>(
            counting.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DatabaseOptions { MigrateAtStart = true }),
            NullLogger<DatabaseMigrator<ApiKeyDb>>.Instance).StartAsync(Ct);

        Assert.Equal(0, CountingModelCustomizer.Built);
        await using var scope = counting.CreateAsyncScope();
        _ = scope.ServiceProvider.GetRequiredService<ApiKeyDb>().Model;
        Assert.Equal(1, CountingModelCustomizer.Built);
    }

    /// <summary>
    /// The work begins in StartingAsync, which the host calls for every hosted service before any StartAsync: the
    /// databases of a process are checked at once, not one after another.
    /// </summary>
    [Fact]
    public async Task The_migration_begins_before_StartAsync_is_called()
    {
        var migrator = Migrator();
        await migrator.StartingAsync(Ct);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        bool upToDate;
        do
        {
            await Task.Delay(20, Ct);
            await using var scope = services.CreateAsyncScope();
            upToDate = await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(scope.ServiceProvider.GetRequiredService<ApiKeyDb>(), Ct);
        }
        while (!upToDate && waited.Elapsed < TimeSpan.FromSeconds(30));

        Assert.True(upToDate, "StartingAsync alone migrates the database");
        await migrator.StartAsync(Ct);
    }

    /// <summary>The services registered after the migrator still start only once its database is migrated.</summary>
    [Fact]
    public async Task Services_registered_after_the_migrator_start_after_the_migration()
    {
        var file = Path.Combine(folder.FullName, "hosted.db");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddDbContext<ApiKeyDb, SqliteApiKeyDb>(options => options.UseSqlite($"Data Source={file}"));
        builder.Services.AddSingleton(Options.Create(new DatabaseOptions { MigrateAtStart = true }));
        builder.Services.AddHostedService<DatabaseMigrator<ApiKeyDb>>();
        builder.Services.AddSingleton<UpToDateAtStart>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UpToDateAtStart>());
        using var host = builder.Build();

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        Assert.True(host.Services.GetRequiredService<UpToDateAtStart>().Found);
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

    /// <summary>Counts the models EF builds with it (used by one test only).</summary>
    private sealed class CountingModelCustomizer(ModelCustomizerDependencies dependencies) : ModelCustomizer(dependencies)
    {
        private static int built;

        public static int Built => Volatile.Read(ref built);

        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            Interlocked.Increment(ref built);
            base.Customize(modelBuilder, context);
        }
    }

    /// <summary>A hosted service registered after the migrator: whether the database was up to date when it started.</summary>
    private sealed class UpToDateAtStart(IServiceScopeFactory scopes) : Microsoft.Extensions.Hosting.IHostedService
    {
        public bool Found { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            Found = await DatabaseMigrator<ApiKeyDb>.IsUpToDateAsync(scope.ServiceProvider.GetRequiredService<ApiKeyDb>(), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
