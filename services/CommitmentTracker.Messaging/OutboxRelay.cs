using CommitmentTracker.ServiceDefaults;
using System.Diagnostics;
using System.Text.Json;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Messaging;

/// <summary>Names of the outbox's telemetry.</summary>
public static class OutboxDiagnostics
{
    public const string ActivitySourceName = TelemetrySources.Outbox;
    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}

/// <summary>
/// Publishes the outbox rows of one service database. Rows are claimed with a lease in one atomic UPDATE, so relays of
/// several instances share the work; a relay that dies mid-batch loses nothing (its lease expires and another takes the
/// rows over). Publishing is at least once: the message id stays the same, and consumers' inboxes absorb repeats.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    /// <summary>Stored type names, resolved once per process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> MessageTypes = new(StringComparer.Ordinal);

    private readonly OutboxOptions settings = options.Value;
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Nothing is published before the migrations ran and the bus's receive endpoints are bound: a message
        // published to an exchange before its queues are bound would be confirmed, and lost.
        if (!await lifetime.WaitForStartAsync(stoppingToken) || !await WaitForHealthyBusAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = settings.PollingInterval;
            try
            {
                if (await RelayPendingAsync(stoppingToken) > 0)
                {
                    wait = settings.RetryDelay < wait ? settings.RetryDelay : wait;
                }

                await CleanUpWhenDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The relay must outlive a database or broker outage; it logs and tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRelayFailed(logger, exception, typeof(TContext).Name);
                wait = settings.RetryDelay < wait ? settings.RetryDelay : wait;
            }

            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Publishes every row that is due, batch after batch. Returns how many publishes failed.</summary>
    internal async Task<int> RelayPendingAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var batch = await ClaimBatchAsync(db, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var outcomes = await Task.WhenAll(batch.Select(message => PublishAsync(message, cancellationToken)));
            var now = time.GetUtcNow().UtcDateTime;
            var sent = batch.Where((_, i) => outcomes[i] is null).Select(m => m.Id).ToList();
            if (sent.Count > 0)
            {
                await db.OutboxMessages.Where(m => sent.Contains(m.Id)).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LockToken, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTime?)null),
                    cancellationToken);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i] is { } error)
                {
                    failures++;
                    var id = batch[i].Id;
                    var retryAt = now + settings.RetryDelay;
                    await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.LockToken, (Guid?)null).SetProperty(m => m.LockedUntil, retryAt).SetProperty(m => m.LastError, error),
                        cancellationToken);
                }
            }

            if (failures > 0 || batch.Count < settings.BatchSize)
            {
                break;
            }
        }

        return failures;
    }

    /// <summary>Takes a lease on the oldest due rows (<see cref="LeaseClaims.ClaimAsync{TRow}"/>).</summary>
    private Task<List<OutboxMessage>> ClaimBatchAsync(TContext db, CancellationToken cancellationToken) =>
        db.OutboxMessages.ClaimAsync(
            now => m => m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now),
            (due, _) => due.OrderBy(m => m.Id),
            settings.BatchSize, settings.LeaseDuration, time, read: null, cancellationToken);

    /// <summary>Publishes one row under its original trace and correlation id. Returns null on success, else the error.</summary>
    private async Task<string?> PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = ResolveType(message.MessageType);
        if (type is null)
        {
            LogUnknownType(logger, message.MessageType, message.Id);
            return $"Unknown message type '{message.MessageType}'.";
        }

        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = OutboxDiagnostics.ActivitySource.StartActivity($"outbox relay {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.MessageId);
        try
        {
            var body = JsonSerializer.Deserialize(message.Body, type, ServiceDbContext.EventJson)
                       ?? throw new JsonException($"Outbox row {message.Id} has an empty body.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.PublishTimeout);
            await bus.Publish(body, type, context =>
            {
                context.MessageId = message.MessageId;
                if (message.CorrelationId is not null)
                {
                    context.Headers.Set(CorrelationId.HeaderName, message.CorrelationId);
                }
            }, timeout.Token);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogPublishFailed(logger, exception, message.Id, type.Name);
            return $"{exception.GetType().Name}: {exception.Message}".Clip(2000);
        }
    }

    /// <summary>The type a row names, or null; a name that resolves to nothing is not remembered, so it is asked again next time.</summary>
    private static Type? ResolveType(string name)
    {
        if (MessageTypes.TryGetValue(name, out var known))
        {
            return known;
        }

        var type = Type.GetType(name, throwOnError: false);
        if (type is not null)
        {
            MessageTypes[name] = type;
        }

        return type;
    }

    private async Task CleanUpWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < nextCleanup)
        {
            return;
        }

        nextCleanup = now + settings.CleanupInterval;
        var cutoff = (now - settings.Retention).UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var sent = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var handled = await db.InboxMessages.Where(m => m.HandledAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (sent + handled > 0)
        {
            LogCleanedUp(logger, typeof(TContext).Name, sent, handled);
        }
    }

    private async Task<bool> WaitForHealthyBusAsync(CancellationToken stoppingToken)
    {
        var waited = Stopwatch.StartNew();
        var warned = false;
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (!warned && waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                LogWaitingForBus(logger, typeof(TContext).Name);
                warned = true;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Outbox relay of {Context} waits for the bus to become healthy; events stay in the outbox meanwhile")]
    private static partial void LogWaitingForBus(ILogger logger, string context);

    [LoggerMessage(LogLevel.Error, "Outbox relay of {Context} failed; it will try again")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string context);

    [LoggerMessage(LogLevel.Warning, "Publishing outbox row {Id} ({Type}) failed; it will be retried")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long id, string type);

    [LoggerMessage(LogLevel.Error, "Outbox row {Id} names unknown message type {Type}; it stays unsent")]
    private static partial void LogUnknownType(ILogger logger, string type, long id);

    [LoggerMessage(LogLevel.Information, "Outbox of {Context}: deleted {Sent} published rows and {Handled} inbox records past retention")]
    private static partial void LogCleanedUp(ILogger logger, string context, int sent, int handled);
}
