using MassTransit;

namespace CommitmentTracker.Messaging;

/// <summary>
/// A service's consumer of <typeparamref name="TMessage"/>, taking its queue's messages in batches. It is registered
/// only with <see cref="ServiceConsumers.AddBatch{TConsumer, TDatabase}"/>, behind the inbox: it is handed only messages
/// its queue has not handled yet, each message id once, in the order they arrived. It changes its database (and may
/// <c>PublishOnCommit</c>) without saving: the inbox saves the whole batch's changes, its records and events in one
/// transaction. When that fails, the inbox hands the same messages again one at a time, each in a new scope.
/// </summary>
public interface IBatchConsumer<TMessage>
    where TMessage : class
{
    Task ConsumeAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken);
}

/// <summary>How a queue's batches are collected (MassTransit's <see cref="BatchOptions"/>).</summary>
public sealed record BatchSettings
{
    /// <summary>
    /// At most this many messages of one type in a batch, and at most this many messages of the queue in flight (see
    /// <see cref="ServiceConsumers.AddBatch{TConsumer, TDatabase}"/>). 100 keeps a batch's fixed work (one inbox query,
    /// one transaction) well shared out; bigger batches caught up no faster (docs/benchmarks.md).
    /// </summary>
    public int MessageLimit { get; init; } = 100;

    /// <summary>A batch is handed over this long after its first message at the latest, full or not.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Messages about one key (say a member) are handled one batch at a time across all the queues sharing
    /// <see cref="Gate"/>; other keys proceed in parallel. Null: no such ordering.
    /// </summary>
    public KeyedGate? Gate { get; init; }

    /// <summary>The key of a message for <see cref="Gate"/>.</summary>
    public Func<object, string>? KeyOf { get; init; }
}
