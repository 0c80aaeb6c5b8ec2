using System.Reflection;
using CommitmentTracker.Platform.Tests.Outbox;
using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using CommitmentTracker.Testing;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Testcontainers.MsSql;

namespace CommitmentTracker.Platform.Tests.Containers;

/// <summary>SQL Server, the production database: every service's migrations apply, and the outbox claim works across two relays.</summary>
public sealed class SqlServerContainerTests
{
    private const string SqlServerImage = "mcr.microsoft.com/mssql/server:2022-latest";
    private static readonly string[] Services = ["ActionPlans", "Tagging", "Engagement", "Notifications"];

    [Fact]
    public async Task Every_service_migrates_on_SQL_Server_and_matches_its_model()
    {
        Docker.Require();
        await using var sqlServer = new MsSqlBuilder(SqlServerImage).Build();
        await sqlServer.StartAsync(TestContext.Current.CancellationToken);

        var contexts = Services.Select(service => Assembly.Load($"CommitmentTracker.{service}").GetTypes().Single(t => t.Name == $"SqlServer{service}Db"));
        foreach (var contextType in contexts)
        {
            var connection = new SqlConnectionStringBuilder(sqlServer.GetConnectionString()) { InitialCatalog = contextType.Name }.ConnectionString;
            var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
            options.UseSqlServer(connection);
            await using var db = (ServiceDbContext)Activator.CreateInstance(contextType, options.Options)!;

            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(await db.OutboxMessages.AnyAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Two_relays_on_SQL_Server_publish_every_event()
    {
        Docker.Require();
        await using var sqlServer = new MsSqlBuilder(SqlServerImage).Build();
        await sqlServer.StartAsync(TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Widgets"] = new SqlConnectionStringBuilder(sqlServer.GetConnectionString()) { InitialCatalog = "Widgets" }.ConnectionString,
            ["Outbox:PollingInterval"] = "00:00:00.200",
            ["Outbox:BatchSize"] = "20",
        };
        await using var first = await OutboxTestHost.StartAsync("unused.db", settings);
        await using var second = await OutboxTestHost.StartAsync("unused.db", settings);

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 100; i++) { await first.CreateWidgetAsync($"first-{i}"); } }, TestContext.Current.CancellationToken),
            Task.Run(async () => { for (var i = 0; i < 100; i++) { await second.CreateWidgetAsync($"second-{i}"); } }, TestContext.Current.CancellationToken));

        await Eventually.UntilAsync(
            () => Task.FromResult(first.Received.Messages.Concat(second.Received.Messages).Select(m => m.MessageId).Distinct().Count() == 200),
            TimeSpan.FromSeconds(30), "all 200 events");
        await Eventually.UntilAsync(() => first.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), TimeSpan.FromSeconds(10), "every row marked sent");
    }
}
