using System.Diagnostics;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>
/// A database that cannot be reached when a process starts (not up yet, restarting, too busy to accept a connection in
/// time) is waited for, up to <c>Database:StartupWait</c>, instead of stopping the process. Its own private server, so
/// no other test loses its database.
/// </summary>
public sealed class MigratorStartupWaitTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_that_comes_up_after_the_start_began_is_migrated_when_it_answers()
    {
        using var server = PostgresServer.StartForTest();

        var connectionString = server.ConnectionString(server.CreateDatabase("startup_wait"));
        using var services = Services(connectionString);
        server.Stop();

        var migrating = Migrator(services, TimeSpan.FromSeconds(60)).StartAsync(Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.False(migrating.IsCompleted, "the start gave up, or went on, while the database was down");
        server.Restart();
        await migrating.WaitAsync(TimeSpan.FromSeconds(45), Ct);

        await using var scope = services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ApiKeyDb>().Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task A_database_that_never_answers_stops_the_start_after_the_wait_with_its_own_error()
    {
        using var server = PostgresServer.StartForTest();

        var connectionString = server.ConnectionString(server.CreateDatabase("startup_gone"));
        using var services = Services(connectionString);
        server.Stop();

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Migrator(services, TimeSpan.FromSeconds(2)).StartAsync(Ct));

        Assert.True(CommitmentTracker.ServiceDefaults.Http.DatabaseOutage.IsCause(failure), failure.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    // Pooled connections to this test's servers, which are gone, are not handed to a later test.
    public void Dispose() => NpgsqlConnection.ClearAllPools();

    private static ServiceProvider Services(string connectionString) => new ServiceCollection()
        .AddDbContext<ApiKeyDb, PostgresApiKeyDb>(options => options.UseNpgsql(PostgresConnection.WithDefaults(connectionString)))
        .BuildServiceProvider();

    private static DatabaseMigrator<ApiKeyDb> Migrator(ServiceProvider services, TimeSpan wait) => new(
        services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new DatabaseOptions { MigrateAtStart = true, StartupWait = wait }),
        NullLogger<DatabaseMigrator<ApiKeyDb>>.Instance);
}
