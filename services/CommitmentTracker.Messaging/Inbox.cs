using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Messaging;

/// <summary>
/// Gives a consumer's effect exactly once per message id, however often the message arrives. It runs behind every
/// consumer (<see cref="ServiceConsumers"/>), not inside it: the effect only changes the context (and may
/// <c>PublishOnCommit</c>); the inbox saves the change, its inbox record and any events in one transaction. A duplicate
/// that races past the first check fails on the inbox key and is dropped.
/// </summary>
public sealed partial class Inbox<TContext>(TContext db, TimeProvider time, ILogger<Inbox<TContext>> logger)
    where TContext : ServiceDbContext
{
    /// <summary>Runs <paramref name="effect"/> and saves it, unless <paramref name="consumer"/> (its queue name) already handled this message. Returns whether it ran.</summary>
    public async Task<bool> HandleOnceAsync(string consumer, ConsumeContext context, Func<Task> effect)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(effect);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id.");
        var cancellationToken = context.CancellationToken;

        if (await AlreadyHandledAsync(messageId, consumer, cancellationToken))
        {
            LogDuplicate(logger, messageId, consumer);
            return false;
        }

        await effect();
        db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, HandledAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same message committed first: its inbox record makes this one a duplicate.
            db.ChangeTracker.Clear();
            if (!await AlreadyHandledAsync(messageId, consumer, cancellationToken))
            {
                throw;
            }

            LogDuplicate(logger, messageId, consumer);
            return false;
        }
    }

    /// <summary>
    /// Runs <paramref name="effect"/> once over the messages of <paramref name="messages"/> that <paramref name="consumer"/>
    /// has not handled yet (one inbox query for the batch; a message id repeated within the batch counts once, in its first
    /// place) and saves the effect with their inbox records in one transaction. Returns how many messages it handled.
    /// A failure (including a duplicate committed meanwhile by another delivery) propagates: the caller rolls back by
    /// dropping this scope and hands the messages over one at a time (<see cref="HandleOnceAsync"/>).
    /// </summary>
    public async Task<int> HandleBatchOnceAsync<TMessage>(
        string consumer, IReadOnlyList<ConsumeContext<TMessage>> messages, Func<IReadOnlyList<ConsumeContext<TMessage>>, Task> effect, CancellationToken cancellationToken)
        where TMessage : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(effect);
        var ids = messages.Select(m => m.MessageId ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id.")).Distinct().ToList();
        var seen = (await db.InboxMessages.AsNoTracking()
            .Where(m => m.Consumer == consumer && ids.Contains(m.MessageId)).Select(m => m.MessageId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var fresh = new List<ConsumeContext<TMessage>>(messages.Count);
        foreach (var message in messages)
        {
            if (seen.Add(message.MessageId!.Value))
            {
                fresh.Add(message);
            }
            else
            {
                LogDuplicate(logger, message.MessageId.Value, consumer);
            }
        }

        if (fresh.Count == 0)
        {
            return 0;
        }

        await effect(fresh);
        var now = time.GetUtcNow().UtcDateTime;
        db.InboxMessages.AddRange(fresh.Select(m => new InboxMessage { MessageId = m.MessageId!.Value, Consumer = consumer, HandledAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        return fresh.Count;
    }

    private Task<bool> AlreadyHandledAsync(Guid messageId, string consumer, CancellationToken cancellationToken) =>
        db.InboxMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Message {MessageId} was already handled by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
