using System.Diagnostics;
using CommitmentTracker.ServiceDefaults.Http;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Messaging;

/// <summary>Where a batch consumer was registered: its queue (the inbox key) and how its batches are collected.</summary>
internal sealed record BatchQueue<TConsumer>(string Queue, BatchSettings Settings)
    where TConsumer : class;

/// <summary>
/// The MassTransit consumer of a batch behind the inbox (<see cref="ServiceConsumers.AddBatch{TConsumer, TDatabase}"/>):
/// one inbox query and one transaction for the batch. If the batch fails, nothing of it was saved; its messages are then
/// handled one at a time, each in its own scope and transaction, retried on <c>Messaging:RetryIntervals</c>, so a message
/// that keeps failing alone is moved to the queue's <c>_error</c> queue (and its <see cref="Fault{T}"/> published) while
/// the rest of the batch takes effect.
/// </summary>
internal sealed partial class InboxBatchConsumer<TConsumer, TDatabase, TMessage>(
    TConsumer consumer,
    Inbox<TDatabase> inbox,
    BatchQueue<TConsumer> registration,
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    ILogger<InboxBatchConsumer<TConsumer, TDatabase, TMessage>> logger) : IConsumer<Batch<TMessage>>
    where TConsumer : class, IBatchConsumer<TMessage>
    where TDatabase : ServiceDbContext
    where TMessage : class
{
    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var cancellationToken = context.CancellationToken;
        IReadOnlyList<ConsumeContext<TMessage>> messages = [.. context.Message];
        // The events this batch causes carry its first message's correlation id (an import's events all share one).
        if (messages.Count > 0)
        {
            CorrelationId.Restore(messages[0].Headers.Get<string>(CorrelationId.HeaderName));
        }

        var settings = registration.Settings;
        using var held = settings is { Gate: { } gate, KeyOf: { } keyOf }
            ? await gate.EnterAsync(messages.Select(m => keyOf(m.Message)), cancellationToken)
            : null;
        var outage = new OutageHold(options.Value.DatabaseOutageHold);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (attempt == 0)
                {
                    await inbox.HandleBatchOnceAsync(registration.Queue, messages, fresh => consumer.ConsumeAsync(fresh, cancellationToken), cancellationToken);
                }
                else
                {
                    // A failed save leaves its changes in the context: a new scope starts from a clean one.
                    await InNewScopeAsync((again, inboxAgain) =>
                        inboxAgain.HandleBatchOnceAsync(registration.Queue, messages, fresh => again.ConsumeAsync(fresh, cancellationToken), cancellationToken));
                }

                return;
            }
            catch (Exception exception) when (outage.Holds(exception, cancellationToken))
            {
                LogHeldForDatabase(logger, exception, registration.Queue, messages.Count);
                await outage.PauseAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, exception, registration.Queue, messages.Count);
                break;
            }
        }

        foreach (var message in messages)
        {
            await HandleAloneAsync(message, cancellationToken);
        }
    }

    private async Task HandleAloneAsync(ConsumeContext<TMessage> message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var delays = options.Value.RetryIntervals;
        var outage = new OutageHold(options.Value.DatabaseOutageHold);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await InNewScopeAsync((alone, inboxAlone) =>
                    inboxAlone.HandleOnceAsync(registration.Queue, message, () => alone.ConsumeAsync([message], cancellationToken)));
                return;
            }
            catch (Exception exception) when (outage.Holds(exception, cancellationToken))
            {
                // The database is out of reach: no attempt is used up, nothing goes to the _error queue for it.
                await outage.PauseAsync(cancellationToken);
                attempt--;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt < delays.Count)
                {
                    await Task.Delay(delays[attempt], cancellationToken);
                    continue;
                }

                await MoveToErrorQueueAsync(message, exception, started.Elapsed, cancellationToken);
                return;
            }
        }
    }

    /// <summary>Runs <paramref name="handle"/> with a consumer and an inbox of a scope of their own (a context without the failed attempt's changes).</summary>
    private async Task InNewScopeAsync(Func<TConsumer, Inbox<TDatabase>, Task> handle)
    {
        await using var scope = scopes.CreateAsyncScope();
        await handle(scope.ServiceProvider.GetRequiredService<TConsumer>(), scope.ServiceProvider.GetRequiredService<Inbox<TDatabase>>());
    }

    /// <summary>What MassTransit does with a message whose consumer faulted: the <c>_error</c> queue, with its fault headers, and a <see cref="Fault{T}"/>.</summary>
    private async Task MoveToErrorQueueAsync(ConsumeContext<TMessage> message, Exception exception, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        LogMovedToErrorQueue(logger, exception, message.MessageId, registration.Queue);
        var errors = await message.GetSendEndpoint(new Uri($"queue:{registration.Queue}_error"));
        await errors.Send(message.Message, send =>
        {
            send.MessageId = message.MessageId;
            send.CorrelationId = message.CorrelationId;
            send.ConversationId = message.ConversationId;
            foreach (var header in message.Headers.GetAll())
            {
                send.Headers.Set(header.Key, header.Value);
            }

            send.Headers.Set(MessageHeaders.Reason, "fault");
            send.Headers.Set(MessageHeaders.FaultExceptionType, exception.GetType().FullName);
            send.Headers.Set(MessageHeaders.FaultMessage, exception.Message);
            send.Headers.Set(MessageHeaders.FaultTimestamp, DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            send.Headers.Set(MessageHeaders.FaultConsumerType, typeof(TConsumer).FullName);
            send.Headers.Set(MessageHeaders.FaultInputAddress, message.ReceiveContext.InputAddress?.ToString());
        }, cancellationToken);
        await message.NotifyFaulted(message, elapsed, typeof(TConsumer).Name, exception);
    }

    [LoggerMessage(LogLevel.Warning, "A batch of {Count} messages on {Queue} could not reach its database; held and tried again")]
    private static partial void LogHeldForDatabase(ILogger logger, Exception exception, string queue, int count);

    [LoggerMessage(LogLevel.Warning, "A batch of {Count} messages on {Queue} failed and was rolled back; its messages are handled one at a time")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string queue, int count);

    [LoggerMessage(LogLevel.Error, "Message {MessageId} on {Queue} failed alone after its retries; moved to the _error queue")]
    private static partial void LogMovedToErrorQueue(ILogger logger, Exception exception, Guid? messageId, string queue);

    /// <summary>
    /// Waits out a database outage: each failure it causes (<see cref="DatabaseOutage"/>) is followed by a pause, 0.2 s
    /// doubling up to 5 s, for at most <c>Messaging:DatabaseOutageHold</c> from the first; the messages stay with the
    /// consumer meanwhile. Any other failure, or a longer outage, is not held.
    /// </summary>
    private sealed class OutageHold(TimeSpan limit)
    {
        private Stopwatch? since;
        private TimeSpan pause = TimeSpan.FromMilliseconds(200);

        /// <summary>Whether <paramref name="exception"/> is an outage still within the hold.</summary>
        public bool Holds(Exception exception, CancellationToken cancellationToken)
        {
            if (!DatabaseOutage.IsCause(exception) || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            since ??= Stopwatch.StartNew();
            return since.Elapsed < limit;
        }

        public async Task PauseAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }
}
