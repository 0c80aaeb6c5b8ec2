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

    private Task<bool> AlreadyHandledAsync(Guid messageId, string consumer, CancellationToken cancellationToken) =>
        db.InboxMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Message {MessageId} was already handled by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
