using System.Reflection;
using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Platform.Tests;

/// <summary>Every service's model is covered by migrations, for SQLite, SQL Server and PostgreSQL.</summary>
public sealed class MigrationsTests
{
    private static readonly string[] ServiceAssemblies =
        ["CommitmentTracker.ActionPlans", "CommitmentTracker.Tagging", "CommitmentTracker.Engagement", "CommitmentTracker.Notifications"];

    /// <summary>The design-time factories <c>dotnet ef</c> uses: one per service and provider.</summary>
    public static TheoryData<string> Factories() => [.. FactoryTypes().Select(t => t.AssemblyQualifiedName!)];

    /// <summary>
    /// SQL Server's migrations are applied by SqlServerContainerTests, where Docker exists; PostgreSQL's by
    /// PostgresMigrationsTests, on a private server.
    /// </summary>
    public static TheoryData<string> SqliteFactories() => [.. FactoryTypes().Where(t => t.Name.StartsWith("Sqlite", StringComparison.Ordinal)).Select(t => t.AssemblyQualifiedName!)];

    private static IEnumerable<Type> FactoryTypes() => ServiceAssemblies.SelectMany(name => Assembly.Load(name).GetTypes()).Where(IsDesignTimeFactory);

    [Fact]
    public void Each_service_has_a_context_per_provider()
    {
        var names = FactoryTypes().Select(t => t.Name).ToList();

        Assert.Equal(12, names.Count);
        Assert.Equal(4, names.Count(n => n.StartsWith("Sqlite", StringComparison.Ordinal)));
        Assert.Equal(4, names.Count(n => n.StartsWith("SqlServer", StringComparison.Ordinal)));
        Assert.Equal(4, names.Count(n => n.StartsWith("Postgres", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void The_model_has_no_changes_that_a_migration_does_not_cover(string factoryType)
    {
        using var db = CreateContext(factoryType);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{db.GetType().Name} has model changes without a migration: run services/add-migration.sh");
    }

    [Theory]
    [MemberData(nameof(SqliteFactories))]
    public async Task Sqlite_migrations_apply_to_an_empty_database(string factoryType)
    {
        using var design = CreateContext(factoryType);

        var file = Path.Combine(Path.GetTempPath(), $"ct-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = (ServiceDbContext)Activator.CreateInstance(design.GetType(), SqliteOptionsFor(design.GetType(), file))!;
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.OutboxMessages.AnyAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static DbContextOptions SqliteOptionsFor(Type contextType, string file)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        builder.UseSqlite($"Data Source={file}");
        return builder.Options;
    }

    private static ServiceDbContext CreateContext(string factoryType)
    {
        var factory = Activator.CreateInstance(Type.GetType(factoryType, throwOnError: true)!, nonPublic: true)!;
        var create = factory.GetType().GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!;
        return (ServiceDbContext)create.Invoke(factory, [Array.Empty<string>()])!;
    }

    private static bool IsDesignTimeFactory(Type type) =>
        !type.IsAbstract && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>));
}
