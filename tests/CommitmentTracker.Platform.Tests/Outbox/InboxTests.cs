using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests.Outbox;

/// <summary>The inbox: a redelivered or republished message has exactly one effect.</summary>
public sealed class InboxTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-inbox-");

    private async Task<OutboxTestHost> StartWithWidgetAsync(string name)
    {
        var host = await OutboxTestHost.StartAsync(Path.Combine(folder.FullName, "widgets.db"), new() { ["Outbox:PollingInterval"] = "00:00:00.200" });
        await host.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Name = name });
            return await db.SaveChangesAsync();
        });
        return host;
    }

    [Fact]
    public async Task A_message_delivered_three_times_counts_once()
    {
        await using var host = await StartWithWidgetAsync("w");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var id = Guid.NewGuid();

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            await bus.Publish(new WidgetCounted("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken);
            await watcher.WaitForAsync(id, delivery);
        }

        Assert.Equal(1, await host.WithDbAsync(db => db.Widgets.Where(w => w.Name == "w").Select(w => w.Count).SingleAsync()));
        Assert.Equal(1, await host.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == id)));
    }

    [Fact]
    public async Task Concurrent_duplicates_race_to_one_effect_without_faults()
    {
        await using var host = await StartWithWidgetAsync("w");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var id = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Publish(new WidgetCounted("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken)));
        await watcher.WaitForAsync(id, 8);

        Assert.Empty(watcher.Faults);
        Assert.Equal(1, await host.WithDbAsync(db => db.Widgets.Where(w => w.Name == "w").Select(w => w.Count).SingleAsync()));
    }

    [Fact]
    public async Task Different_messages_each_have_their_effect()
    {
        await using var host = await StartWithWidgetAsync("w");
        var bus = host.Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in ids)
        {
            await bus.Publish(new WidgetCounted("w"), ctx => ctx.MessageId = id, TestContext.Current.CancellationToken);
        }

        foreach (var id in ids)
        {
            await watcher.WaitForAsync(id, 1);
        }

        Assert.Equal(5, await host.WithDbAsync(db => db.Widgets.Where(w => w.Name == "w").Select(w => w.Count).SingleAsync()));
    }

    [Fact]
    public async Task An_outbox_row_published_twice_has_one_effect()
    {
        await using var host = await StartWithWidgetAsync("w");
        using var watcher = new ConsumeWatcher(host.Services.GetRequiredService<IBus>());
        await host.WithDbAsync(async db =>
        {
            db.PublishOnCommit(new WidgetCounted("w"));
            return await db.SaveChangesAsync();
        });
        var row = await Eventually.GetAsync(
            () => host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Body.Contains("\"w\""))), r => r.SentAt != null, TimeSpan.FromSeconds(10), "the first publish");
        await watcher.WaitForAsync(row.MessageId, 1);

        // As if the relay crashed between publishing and marking the row sent: it is published again, same message id.
        await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, (DateTime?)null)));
        await watcher.WaitForAsync(row.MessageId, 2);

        Assert.Equal(1, await host.WithDbAsync(db => db.Widgets.Where(w => w.Name == "w").Select(w => w.Count).SingleAsync()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
