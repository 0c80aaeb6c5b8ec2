using CommitmentTracker.Platform.Tests.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>The outbox and inbox on PostgreSQL: the event in the change's transaction, a duplicate dropped, two relays sharing rows.</summary>
public sealed class PostgresOutboxTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PostgresServer server = PostgresServer.Shared;
    private readonly string database;

    public PostgresOutboxTests() => database = server.CreateDatabase("outbox");

    private Task<OutboxTestHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Widgets"] = server.ConnectionString(database),
            ["Outbox:PollingInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return OutboxTestHost.StartAsync("unused.db", settings);
    }

    [Fact]
    public async Task The_event_is_stored_with_the_change_and_a_rolled_back_one_is_not()
    {
        await using var host = await StartAsync();

        await host.CreateWidgetAsync("alpha");
        await host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "ghost" });
            db.PublishOnCommit(new WidgetCreated("ghost"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await host.CreateWidgetAsync("after");
        // Both committed events, in whichever order they arrive: a clean-clone run once had "after" in before "alpha"
        // (the relay keeps the rows' order within a claim, not across a failed publish's retry).
        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("alpha") && host.Received.Has("after")), Wait, "both committed events");

        Assert.False(host.Received.Has("ghost"));
        Assert.Equal((2, 2), await host.WithDbAsync(async db => (await db.Widgets.CountAsync(), await db.OutboxMessages.CountAsync())));
    }

    [Fact]
    public async Task A_message_delivered_three_times_and_raced_eight_times_counts_once()
    {
        await using var host = await StartAsync();
        await host.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Name = "w" });
            return await db.SaveChangesAsync();
        });
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var repeated = Guid.NewGuid();
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            await bus.Publish(new WidgetCounted("w"), ctx => ctx.MessageId = repeated, Ct);
            await watcher.WaitForAsync(repeated, delivery);
        }

        var raced = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Publish(new WidgetCounted("w"), ctx => ctx.MessageId = raced, Ct)));
        await watcher.WaitForAsync(raced, 8);

        Assert.Empty(watcher.Faults);
        Assert.Equal(2, await host.WithDbAsync(db => db.Widgets.Where(w => w.Name == "w").Select(w => w.Count).SingleAsync()));
        Assert.Equal(2, await host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == repeated || m.MessageId == raced)));
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_every_row_and_claim_each_once()
    {
        var fast = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "20" };
        await using var first = await StartAsync(fast);
        await using var second = await StartAsync(fast);
        const int perHost = 150;

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < perHost; i++) { await first.CreateWidgetAsync($"first-{i}"); } }, Ct),
            Task.Run(async () => { for (var i = 0; i < perHost; i++) { await second.CreateWidgetAsync($"second-{i}"); } }, Ct));

        await Eventually.UntilAsync(() => first.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), Wait, "every row to be marked sent");
        // Consumers record after the relay marked the row sent: wait for them, then copy the queues before reading them
        // (LINQ sizes its result from a queue's count, which a late arrival would outgrow).
        await Eventually.UntilAsync(() => Task.FromResult(first.Received.Messages.Count + second.Received.Messages.Count >= 2 * perHost), Wait, "every row to be received");
        var published = first.Received.Messages.ToArray().Concat(second.Received.Messages.ToArray()).Select(m => m.MessageId).ToList();
        var stored = await first.WithDbAsync(db => db.OutboxMessages.Select(m => m.MessageId).ToListAsync());
        Assert.Equal(2 * perHost, stored.Count);
        Assert.Equal(stored.Order(), published.Order());
        // Each row was claimed by one relay, once: no wasted second publish for the inbox to absorb.
        Assert.Equal(2 * perHost, await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Attempts == 1)));
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        server.DropDatabase(database);
    }
}
