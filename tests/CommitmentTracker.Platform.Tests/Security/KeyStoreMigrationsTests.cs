using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Keys;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>The key store's model is covered by migrations for every provider (services/add-migration.sh ApiKeys).</summary>
public sealed class KeyStoreMigrationsTests
{
    [Fact]
    public void Every_provider_has_migrations_covering_the_model()
    {
        using var sqlite = new SqliteApiKeyDbFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerApiKeyDbFactory().CreateDbContext([]);
        using var postgres = new PostgresApiKeyDbFactory().CreateDbContext([]);

        foreach (DbContext db in new DbContext[] { sqlite, sqlServer, postgres })
        {
            Assert.NotEmpty(db.Database.GetMigrations());
            Assert.False(db.Database.HasPendingModelChanges(), $"{db.GetType().Name} has model changes without a migration: run services/add-migration.sh ApiKeys <Name>");
        }
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ct-apikeys-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteApiKeyDb(new DbContextOptionsBuilder<SqliteApiKeyDb>().UseSqlite($"Data Source={file}").Options);
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.Keys.AnyAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
