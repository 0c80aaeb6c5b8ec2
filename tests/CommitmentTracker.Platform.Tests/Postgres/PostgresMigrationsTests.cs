using System.Reflection;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>Every service database and the key store migrate from empty on a real PostgreSQL server.</summary>
public sealed class PostgresMigrationsTests
{
    private static readonly string[] ServiceAssemblies =
        ["CommitmentTracker.ActionPlans", "CommitmentTracker.Tagging", "CommitmentTracker.Engagement", "CommitmentTracker.Notifications"];

    public static TheoryData<string> PostgresFactories() =>
    [
        .. ServiceAssemblies.SelectMany(name => Assembly.Load(name).GetTypes())
            .Where(t => t.Name.StartsWith("Postgres", StringComparison.Ordinal) && t.Name.EndsWith("DbFactory", StringComparison.Ordinal))
            .Select(t => t.AssemblyQualifiedName!),
    ];

    [Theory]
    [MemberData(nameof(PostgresFactories))]
    public async Task A_service_database_migrates_from_empty(string factoryType)
    {
        var server = PostgresServer.Shared;
        var design = CreateDesignContext(factoryType);
        var name = server.CreateDatabase("migrate");
        try
        {
            await using var db = (ServiceDbContext)Activator.CreateInstance(design.GetType(), OptionsFor(design.GetType(), server.ConnectionString(name)))!;
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.OutboxMessages.AnyAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.InboxMessages.AnyAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await design.DisposeAsync();
            server.DropDatabase(name);
        }
    }

    [Fact]
    public async Task The_key_store_migrates_from_empty_with_its_generation_row()
    {
        var server = PostgresServer.Shared;
        var name = server.CreateDatabase("apikeys");
        try
        {
            await using var db = new PostgresApiKeyDb(new DbContextOptionsBuilder<PostgresApiKeyDb>().UseNpgsql(server.ConnectionString(name)).Options);
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.Keys.AnyAsync(TestContext.Current.CancellationToken));
            Assert.Equal(KeyStoreGeneration.SingleId, (await db.Generations.SingleAsync(TestContext.Current.CancellationToken)).Id);
        }
        finally
        {
            server.DropDatabase(name);
        }
    }

    private static DbContextOptions OptionsFor(Type contextType, string connectionString)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        builder.UseNpgsql(connectionString);
        return builder.Options;
    }

    private static DbContext CreateDesignContext(string factoryType)
    {
        var factory = Activator.CreateInstance(Type.GetType(factoryType, throwOnError: true)!, nonPublic: true)!;
        var create = factory.GetType().GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!;
        return (DbContext)create.Invoke(factory, [Array.Empty<string>()])!;
    }
}
