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
