using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Messaging;

/// <summary>
/// Gives a consumer's effect exactly once per message id, however often the message arrives. The effect only changes
/// the context (and may <c>PublishOnCommit</c>); the inbox saves the change, its inbox record and any events in one
/// transaction. A duplicate that races past the first check fails on the inbox key and is dropped.
/// </summary>
public sealed partial class Inbox<TContext>(TContext db, TimeProvider time, ILogger<Inbox<TContext>> logger)
    where TContext : ServiceDbContext
{
    /// <summary>Runs <paramref name="effect"/> and saves it, unless <paramref name="consumer"/> already handled this message. Returns whether it ran.</summary>
    public async Task<bool> HandleOnceAsync<TMessage>(object consumer, ConsumeContext<TMessage> context, Func<TContext, TMessage, CancellationToken, Task> effect)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(effect);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var consumerName = consumer.GetType().FullName ?? consumer.GetType().Name;
        var cancellationToken = context.CancellationToken;

        if (await AlreadyHandledAsync(messageId, consumerName, cancellationToken))
        {
            LogDuplicate(logger, typeof(TMessage).Name, messageId, consumerName);
            return false;
        }

        await effect(db, context.Message, cancellationToken);
        db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumerName, HandledAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same message committed first: its inbox record makes this one a duplicate.
            db.ChangeTracker.Clear();
            if (!await AlreadyHandledAsync(messageId, consumerName, cancellationToken))
            {
                throw;
            }

            LogDuplicate(logger, typeof(TMessage).Name, messageId, consumerName);
            return false;
        }
    }

    private Task<bool> AlreadyHandledAsync(Guid messageId, string consumer, CancellationToken cancellationToken) =>
        db.InboxMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);

    [LoggerMessage(LogLevel.Information, "{Message} {MessageId} was already handled by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, string message, Guid messageId, string consumer);
}
