using CommitmentTracker.Messaging;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests.Outbox;

/// <summary>The transactional outbox: stored with the change, published promptly, never lost, shared safely by two relays.</summary>
public sealed class OutboxTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-outbox-");

    private string DatabaseFile => Path.Combine(folder.FullName, "widgets.db");

    [Fact]
    public async Task The_event_is_stored_in_the_same_save_as_the_change()
    {
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile);

        await host.CreateWidgetAsync("alpha");

        var (widgets, events) = await host.WithDbAsync(async db =>
            (await db.Widgets.CountAsync(), await db.OutboxMessages.Where(m => m.Body.Contains("alpha")).CountAsync()));
        Assert.Equal((1, 1), (widgets, events));
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile);

        await host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "ghost" });
            db.PublishOnCommit(new WidgetCreated("ghost"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        // An event committed afterwards goes through the same relay and bus: once it arrived, the ghost would have too.
        await host.CreateWidgetAsync("after");
        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("after")), Wait, "the event committed after the rollback");

        Assert.False(host.Received.Has("ghost"));
        Assert.Equal(0, await host.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Body.Contains("ghost"))));
        Assert.Equal(0, await host.WithDbAsync(db => db.Widgets.CountAsync(w => w.Name == "ghost")));
    }

    [Fact]
    public async Task A_commit_wakes_the_relay_at_once_rather_than_at_the_next_poll()
    {
        // Polling every 10 minutes: only the commit's wake-up can deliver within the wait (a bound on a loaded machine,
        // not a timing claim: the next poll is minutes away).
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile);

        await host.CreateWidgetAsync("prompt");

        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("prompt")), Wait, "the prompt event");
    }

    [Fact]
    public async Task Committing_an_explicit_transaction_wakes_the_relay()
    {
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile);

        await host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "in-transaction" });
            db.PublishOnCommit(new WidgetCreated("in-transaction"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("in-transaction")), Wait, "the event of the committed transaction");
    }

    [Fact]
    public async Task Rows_written_without_a_wake_up_are_published_by_the_polling_fallback()
    {
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile, new() { ["Outbox:PollingInterval"] = "00:00:00.300" });

        // Another instance's row (or one whose wake-up was lost): written by a context without the interceptor.
        await using (var bare = new WidgetDb(new DbContextOptionsBuilder<WidgetDb>().UseSqlite($"Data Source={DatabaseFile}").Options))
        {
            bare.PublishOnCommit(new WidgetCreated("polled"));
            await bare.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("polled")), Wait, "the polled event");
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_every_event_and_lose_none()
    {
        var fast = new Dictionary<string, string?> { ["Outbox:PollingInterval"] = "00:00:00.200", ["Outbox:BatchSize"] = "20" };
        await using var first = await OutboxTestHost.StartAsync(DatabaseFile, fast);
        await using var second = await OutboxTestHost.StartAsync(DatabaseFile, fast);
        const int perHost = 150;

        // Which relay wins a row is up to the scheduler; on a loaded machine one relay can, rarely, win every row of a
        // round. Rounds repeat (at most three) until both have published, and every round must lose nothing.
        for (var round = 0; round < 3 && (first.Received.Messages.IsEmpty || second.Received.Messages.IsEmpty); round++)
        {
            var prefix = $"r{round}";
            await Task.WhenAll(
                Task.Run(async () => { for (var i = 0; i < perHost; i++) { await first.CreateWidgetAsync($"{prefix}-first-{i}"); } }, TestContext.Current.CancellationToken),
                Task.Run(async () => { for (var i = 0; i < perHost; i++) { await second.CreateWidgetAsync($"{prefix}-second-{i}"); } }, TestContext.Current.CancellationToken));

            var expected = await first.WithDbAsync(db => db.OutboxMessages.Select(m => m.MessageId).ToListAsync());
            Assert.Equal(2 * perHost * (round + 1), expected.Count);
            await Eventually.UntilAsync(
                () => Task.FromResult(first.Received.Messages.Concat(second.Received.Messages).Select(m => m.MessageId).Distinct().Count() == expected.Count),
                TimeSpan.FromSeconds(30), "every event to be published by one relay or the other");

            var published = first.Received.Messages.Concat(second.Received.Messages).Select(m => m.MessageId).ToHashSet();
            Assert.Subset(published, expected.ToHashSet());
        }

        Assert.True(!first.Received.Messages.IsEmpty && !second.Received.Messages.IsEmpty, "both relays took part");
        await Eventually.UntilAsync(() => first.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), Wait, "every row to be marked sent");
    }

    [Fact]
    public async Task Rows_held_by_a_dead_relay_are_taken_over_when_its_lease_expires()
    {
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile, new() { ["Outbox:PollingInterval"] = "00:00:00.200" });
        var leaseEnd = DateTime.UtcNow.AddSeconds(1.5);
        await using (var bare = new WidgetDb(new DbContextOptionsBuilder<WidgetDb>().UseSqlite($"Data Source={DatabaseFile}").Options))
        {
            // Written already leased, in one save: the running relay must never see it unclaimed.
            bare.PublishOnCommit(new WidgetCreated("orphan"));
            var leased = bare.OutboxMessages.Local.Single();
            (leased.LockToken, leased.LockedUntil, leased.Attempts) = (Guid.NewGuid(), leaseEnd, 1);
            await bare.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("orphan")), Wait, "the orphaned event");

        Assert.True(DateTime.UtcNow >= leaseEnd, "published only after the dead relay's lease ran out");
        var row = await host.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task A_row_that_cannot_be_published_keeps_its_error_and_does_not_block_the_others()
    {
        await using var host = await OutboxTestHost.StartAsync(DatabaseFile, new() { ["Outbox:RetryDelay"] = "00:00:00.100" });
        await host.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "No.Such.Event, Nowhere", Body = "{}", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        await host.CreateWidgetAsync("healthy");
        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("healthy")), Wait, "the healthy event");

        var broken = await Eventually.GetAsync(
            () => host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType.StartsWith("No.Such"))),
            row => row.LastError is not null, Wait, "the broken row's error");
        Assert.Null(broken.SentAt);
        Assert.Contains("Unknown message type", broken.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_rows_and_inbox_records_past_retention_are_deleted()
    {
        var now = DateTime.UtcNow;
        await using (var bare = new WidgetDb(new DbContextOptionsBuilder<WidgetDb>().UseSqlite($"Data Source={DatabaseFile}").Options))
        {
            await bare.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            bare.OutboxMessages.AddRange(
                new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "old", Body = "{}", CreatedAt = now.AddHours(-3), SentAt = now.AddHours(-2) },
                new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "recent", Body = "{}", CreatedAt = now, SentAt = now });
            bare.InboxMessages.AddRange(
                new InboxMessage { MessageId = Guid.NewGuid(), Consumer = "old", HandledAt = now.AddHours(-2) },
                new InboxMessage { MessageId = Guid.NewGuid(), Consumer = "recent", HandledAt = now });
            await bare.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var host = await OutboxTestHost.StartAsync(DatabaseFile, new() { ["Outbox:Retention"] = "01:00:00" });

        await Eventually.UntilAsync(() => host.WithDbAsync(async db => !await db.OutboxMessages.AnyAsync(m => m.MessageType == "old")), Wait, "the old outbox row to go");
        Assert.Equal(["recent"], await host.WithDbAsync(db => db.OutboxMessages.Select(m => m.MessageType).ToListAsync()));
        Assert.Equal(["recent"], await host.WithDbAsync(db => db.InboxMessages.Select(m => m.Consumer).ToListAsync()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
