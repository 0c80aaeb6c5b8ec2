using System.Collections.Concurrent;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests.Outbox;

/// <summary>
/// The inbox of a batch consumer: one effect per message id per consumer, whether the duplicate arrives in the same
/// batch or a later one; a batch that fails is rolled back and its messages handled one at a time, so a message that
/// fails alone goes to the _error queue and the rest take effect.
/// </summary>
public sealed class BatchInboxTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-batch-inbox-");

    private async Task<OutboxTestHost> StartWithWidgetsAsync(params string[] names)
    {
        var host = await OutboxTestHost.StartAsync(Path.Combine(folder.FullName, "widgets.db"));
        await host.WithDbAsync(async db =>
        {
            db.Widgets.AddRange(names.Select(n => new Widget { Name = n }));
            return await db.SaveChangesAsync();
        });
        return host;
    }

    private static Task<int> InboxCountAsync(OutboxTestHost host) => host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == "widgets-tallied"));

    private static Task<int> CountOf(OutboxTestHost host, string name) => host.WithDbAsync(db => db.Widgets.Where(w => w.Name == name).Select(w => w.Count).SingleAsync());

    [Fact]
    public async Task Messages_published_together_are_handled_in_batches_with_one_effect_each()
    {
        await using var host = await StartWithWidgetsAsync("w");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(ids.Select(id => bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken)));
        foreach (var id in ids)
        {
            await watcher.WaitForAsync(id, 1);
        }

        Assert.Empty(watcher.Faults);
        Assert.Equal(40, await CountOf(host, "w"));
        Assert.Equal(40, await host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == "widgets-tallied")));
        var batches = host.Services.GetRequiredService<Tallies>().Batches;
        Assert.True(batches.Count < 40, $"{batches.Count} batches for 40 messages");
    }

    [Fact]
    public async Task A_duplicate_within_one_batch_counts_once()
    {
        await using var host = await StartWithWidgetsAsync("w");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var repeated = Guid.NewGuid();
        var other = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = repeated, TestContext.Current.CancellationToken))
            .Append(bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = other, TestContext.Current.CancellationToken)));
        await watcher.WaitForAsync(repeated, 6);
        await watcher.WaitForAsync(other, 1);

        Assert.Empty(watcher.Faults);
        Assert.Equal(2, await CountOf(host, "w"));
        // The consumer was never handed the same message id twice.
        Assert.Equal(2, host.Services.GetRequiredService<Tallies>().Batches.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_message_handled_in_an_earlier_batch_is_not_handled_again()
    {
        await using var host = await StartWithWidgetsAsync("w");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var id = Guid.NewGuid();

        await bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken);
        await watcher.WaitForAsync(id, 1);
        var fresh = Guid.NewGuid();
        await bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken);
        await bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = fresh, TestContext.Current.CancellationToken);
        await watcher.WaitForAsync(id, 2);
        await watcher.WaitForAsync(fresh, 1);

        Assert.Empty(watcher.Faults);
        Assert.Equal(2, await CountOf(host, "w"));
        Assert.Equal(1, await host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == id)));
    }

    [Fact]
    public async Task A_poison_message_goes_to_the_error_queue_alone_and_the_rest_of_its_batch_takes_effect()
    {
        await using var host = await StartWithWidgetsAsync("w", "poison");
        var bus = host.Services.GetRequiredService<IBus>();
        var errors = new ConcurrentQueue<(Guid? Id, string Name, string? Reason)>();
        // A handler's endpoint is also bound to the message type's publishes (in memory): only what was moved there carries a fault reason.
        var errorQueue = bus.ConnectReceiveEndpoint("widgets-tallied_error", e => e.Handler<WidgetTallied>(context =>
        {
            if (context.Headers.Get<string>(MessageHeaders.Reason) == "fault")
            {
                errors.Enqueue((context.MessageId, context.Message.Name, context.Headers.Get<string>(MessageHeaders.FaultMessage)));
            }

            return Task.CompletedTask;
        }));
        await errorQueue.Ready;
        using var watcher = new ConsumeWatcher(bus);
        var good = Enumerable.Range(0, 9).Select(_ => Guid.NewGuid()).ToList();
        var poison = Guid.NewGuid();

        await Task.WhenAll(good.Select(id => bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken))
            .Append(bus.Publish(new WidgetTallied("poison"), ctx => ctx.MessageId = poison, TestContext.Current.CancellationToken)));
        await Eventually.UntilAsync(() => Task.FromResult(!errors.IsEmpty), TimeSpan.FromSeconds(30), "the poison message in the error queue");
        // A batch's messages count as received when the batch is collected, before the batch (or each message alone) takes
        // effect: the inbox records say when every good message has.
        await Eventually.UntilAsync(async () => await InboxCountAsync(host) >= good.Count, TimeSpan.FromSeconds(30), "every good message to take effect");

        var moved = Assert.Single(errors);
        Assert.Equal((poison, "poison"), (moved.Id, moved.Name));
        Assert.Contains("cannot be tallied", moved.Reason, StringComparison.Ordinal);
        Assert.Equal(9, await CountOf(host, "w"));
        Assert.Equal(0, await CountOf(host, "poison"));
        Assert.Equal(good.Order(), (await host.WithDbAsync(db => db.InboxMessages.Where(m => m.Consumer == "widgets-tallied").Select(m => m.MessageId).ToListAsync())).Order());
        await errorQueue.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_batch_that_fails_is_rolled_back_and_every_message_then_takes_effect_alone()
    {
        await using var host = await StartWithWidgetsAsync("w", "fragile");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var fragile = Guid.NewGuid();

        await Task.WhenAll(ids.Select(id => bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken))
            .Append(bus.Publish(new WidgetTallied("fragile"), ctx => ctx.MessageId = fragile, TestContext.Current.CancellationToken)));
        await watcher.WaitForAsync(fragile, 1);
        foreach (var id in ids)
        {
            await watcher.WaitForAsync(id, 1);
        }

        Assert.Empty(watcher.Faults);
        // The failed batch left nothing behind: each message counted exactly once, when handled alone or in a later batch.
        Assert.Equal(5, await CountOf(host, "w"));
        Assert.Equal(1, await CountOf(host, "fragile"));
        Assert.Equal(6, await host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == "widgets-tallied")));
    }

    [Fact]
    public async Task Messages_are_held_while_the_database_is_out_of_reach_and_take_effect_once_when_it_is_back()
    {
        await using var host = await StartWithWidgetsAsync("w", "outage");
        // More failures in a row than the retries of a failing message allow (1 + Messaging:RetryIntervals): without the
        // hold, the "outage" message would end in the _error queue.
        host.Services.GetRequiredService<Tallies>().DatabaseDownFor(6);
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var outage = Guid.NewGuid();

        await Task.WhenAll(ids.Select(id => bus.Publish(new WidgetTallied("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken))
            .Append(bus.Publish(new WidgetTallied("outage"), ctx => ctx.MessageId = outage, TestContext.Current.CancellationToken)));
        await Eventually.UntilAsync(async () => await InboxCountAsync(host) >= ids.Count + 1, TimeSpan.FromSeconds(60), "every message to take effect");

        Assert.Empty(watcher.Faults);
        Assert.False(host.Services.GetRequiredService<Tallies>().DatabaseDown(), "the database was still down after every message took effect");
        Assert.Equal((4, 1), (await CountOf(host, "w"), await CountOf(host, "outage")));
        Assert.Equal(5, await host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == "widgets-tallied")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
