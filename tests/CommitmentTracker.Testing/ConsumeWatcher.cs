using System.Collections.Concurrent;
using MassTransit;

namespace CommitmentTracker.Testing;

/// <summary>
/// Counts finished consumes per message id on a running bus, so a test can wait until a duplicate was handled
/// (and then assert it had no effect) instead of sleeping.
/// </summary>
public sealed class ConsumeWatcher : IConsumeObserver, IDisposable
{
    private readonly ConcurrentDictionary<Guid, int> completed = new();
    private readonly ConcurrentQueue<Exception> faults = new();
    private readonly ConnectHandle handle;

    public ConsumeWatcher(IBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        handle = bus.ConnectConsumeObserver(this);
    }

    public IReadOnlyCollection<Exception> Faults => faults;

    public int CompletedCount(Guid messageId) => completed.GetValueOrDefault(messageId);

    public Task WaitForAsync(Guid messageId, int consumes, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => Task.FromResult(CompletedCount(messageId) >= consumes), timeout ?? TimeSpan.FromSeconds(15), $"{consumes} consume(s) of message {messageId}");

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id)
        {
            completed.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        faults.Enqueue(exception);
        return Task.CompletedTask;
    }

    public void Dispose() => handle.Disconnect();
}

public static class BusTestingExtensions
{
    /// <summary>
    /// Publishes <paramref name="message"/> <paramref name="times"/> times under one message id (a redelivery when more
    /// than once) and waits until every copy was consumed without a fault.
    /// </summary>
    public static async Task<Guid> PublishAndWaitAsync<T>(
        this IBus bus, T message, Guid? messageId = null, int times = 1, Action<PublishContext>? configure = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(bus);
        using var watcher = new ConsumeWatcher(bus);
        var id = messageId ?? Guid.NewGuid();
        for (var i = 0; i < times; i++)
        {
            await bus.Publish(message, context =>
            {
                context.MessageId = id;
                configure?.Invoke(context);
            }, cancellationToken);
        }

        await watcher.WaitForAsync(id, times);
        Xunit.Assert.Empty(watcher.Faults);
        return id;
    }
}
