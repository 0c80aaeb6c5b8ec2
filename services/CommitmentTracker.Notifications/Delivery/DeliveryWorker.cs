using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Sends due email and webhook deliveries and builds due digests. Deliveries are claimed with a lease in one atomic
/// UPDATE (as the outbox relay claims its rows), so several instances share the work and never send the same delivery
/// at the same time. A failed send is retried after the configured delays, then marked dead; nothing is dropped silently.
/// </summary>
internal sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    EmailSender email,
    WebhookSender webhooks,
    WebhookSecretProtector secrets,
    UnsubscribeTokens unsubscribeTokens,
    IHostApplicationLifetime lifetime,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly NotificationsOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitForStartAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await BuildDueDigestsAsync(stoppingToken);
                while (await DeliverDueAsync(stoppingToken) > 0)
                {
                    // A full batch: look again at once.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a database outage; it logs and tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, exception);
            }

            await signal.WaitAsync(settings.Delivery.PollingInterval, stoppingToken);
        }
    }

    /// <summary>Claims and sends one batch of due deliveries. Returns how many it claimed.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        var batch = await ClaimAsync(db, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var outcomes = new string?[batch.Count];
        await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Delivery.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await SendAsync(batch[i], ct));

        var now = time.GetUtcNow().UtcDateTime;
        var delays = settings.Delivery.EffectiveRetryDelays;
        for (var i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i];
            var token = delivery.LockToken;
            if (outcomes[i] is not { } error)
            {
                await db.Notifications.Where(n => n.Id == delivery.Id && n.LockToken == token).ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, DeliveryStatus.Sent).SetProperty(n => n.SentAt, now).SetProperty(n => n.NextAttemptAt, (DateTime?)null)
                    .SetProperty(n => n.LockToken, (Guid?)null).SetProperty(n => n.LockedUntil, (DateTime?)null).SetProperty(n => n.LastError, (string?)null), cancellationToken);
                if (delivery.Channel == Channels.Webhook)
                {
                    await db.Subscriptions.Where(s => s.Id == delivery.SubscriptionId && s.WebhookConsecutiveFailures != 0)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.WebhookConsecutiveFailures, 0), cancellationToken);
                }

                continue;
            }

            var dead = delivery.Attempts > delays.Count;
            DateTime? retryAt = dead ? null : now + delays[delivery.Attempts - 1];
            await db.Notifications.Where(n => n.Id == delivery.Id && n.LockToken == token).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, dead ? DeliveryStatus.Dead : DeliveryStatus.Failed).SetProperty(n => n.NextAttemptAt, retryAt)
                .SetProperty(n => n.LockToken, (Guid?)null).SetProperty(n => n.LockedUntil, (DateTime?)null).SetProperty(n => n.LastError, error), cancellationToken);
            LogDeliveryFailed(logger, delivery.Id, delivery.Channel, delivery.Attempts, dead ? "dead" : $"retry at {retryAt:O}", error);
            if (delivery.Channel == Channels.Webhook)
            {
                await CountWebhookFailureAsync(db, delivery.SubscriptionId, now, cancellationToken);
            }
        }

        return batch.Count;
    }

    private async Task CountWebhookFailureAsync(NotificationsDb db, Guid subscriptionId, DateTime now, CancellationToken cancellationToken)
    {
        var threshold = settings.Webhooks.FailuresBeforeDisable;
        await db.Subscriptions.Where(s => s.Id == subscriptionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.WebhookConsecutiveFailures, x => x.WebhookConsecutiveFailures + 1), cancellationToken);
        var disabled = await db.Subscriptions.Where(s => s.Id == subscriptionId && s.WebhookDisabledAt == null && s.WebhookConsecutiveFailures >= threshold)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.WebhookDisabledAt, now), cancellationToken);
        if (disabled > 0)
        {
            LogWebhookDisabled(logger, subscriptionId, threshold);
        }
    }

    /// <summary>Takes a lease on due deliveries, oldest due first (<see cref="LeaseClaims.ClaimAsync{TRow}"/>).</summary>
    private Task<List<Notification>> ClaimAsync(NotificationsDb db, CancellationToken cancellationToken) =>
        db.Notifications.ClaimAsync(
            now => n => (n.Status == DeliveryStatus.Pending || n.Status == DeliveryStatus.Failed) && (n.LockedUntil == null || n.LockedUntil < now),
            (claimable, now) => claimable
                .Where(n => n.NextAttemptAt <= now && n.Subscription!.Active && !(n.Channel == Channels.Webhook && n.Subscription.WebhookDisabledAt != null))
                .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id),
            settings.Delivery.BatchSize, settings.Delivery.LeaseDuration, time, read: leased => leased.Include(n => n.Subscription), cancellationToken);

    /// <summary>Sends one delivery. Returns null on success, else what went wrong.</summary>
    private async Task<string?> SendAsync(Notification delivery, CancellationToken cancellationToken)
    {
        var subscription = delivery.Subscription!;
        try
        {
            if (delivery.Channel == Channels.Email)
            {
                await email.SendAsync(ComposeEmail(delivery, subscription), cancellationToken);
            }
            else if (delivery.Channel == Channels.Webhook)
            {
                if (subscription.WebhookUrl is not { } url || subscription.WebhookSecret is not { } secret)
                {
                    return "The subscription has no webhook URL any more.";
                }

                var body = JsonSerializer.Serialize(WebhookBodyOf(delivery), FanOut.PayloadJson);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.Webhooks.Timeout);
                await webhooks.SendAsync(url, secrets.Unprotect(secret, subscription.Id), delivery.Kind, delivery.Id, body, timeout.Token);
            }
            else
            {
                return $"Channel '{delivery.Channel}' is not delivered by the worker.";
            }

            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{exception.GetType().Name}: {exception.Message}".Clip(2000);
        }
    }

    private WebhookBody WebhookBodyOf(Notification delivery) =>
        delivery.Kind == EventKinds.Digest
            ? new WebhookBody(delivery.Id, delivery.MessageId, delivery.SubscriptionId, delivery.Kind, null, JsonSerializer.Deserialize<DigestContent>(delivery.Payload, FanOut.PayloadJson), time.GetUtcNow())
            : new WebhookBody(delivery.Id, delivery.MessageId, delivery.SubscriptionId, delivery.Kind, FanOut.ContentOf(delivery), null, time.GetUtcNow());

    private MimeKit.MimeMessage ComposeEmail(Notification delivery, Subscription subscription)
    {
        var to = subscription.Email ?? throw new InvalidOperationException("The subscription has no email address any more.");
        var unsubscribe = new Uri(settings.PublicBaseUrl, $"api/unsubscribe?token={Uri.EscapeDataString(unsubscribeTokens.Create(subscription.Id))}").ToString();
        var name = subscription.Name is { Length: > 0 } n ? $" \"{n}\"" : string.Empty;
        if (delivery.Kind == EventKinds.Digest)
        {
            var digest = JsonSerializer.Deserialize<DigestContent>(delivery.Payload, FanOut.PayloadJson)!;
            var count = digest.Members.Sum(m => m.Changes.Count);
            return EmailComposer.Compose(
                email.From, to, string.Create(CultureInfo.InvariantCulture, $"[Commitment Tracker] {count} change(s) from {digest.From:yyyy-MM-dd} to {digest.To:yyyy-MM-dd}"),
                [.. digest.Members.Select(m => ((string?)(m.MemberName is null ? m.MemberCode : $"{m.MemberName} ({m.MemberCode})"), m.Changes))],
                $"Your {subscription.Frequency} digest of subscription{name}: {count} change(s), grouped by member.", unsubscribe);
        }

        var content = FanOut.ContentOf(delivery)!;
        return EmailComposer.Compose(email.From, to, EmailComposer.SubjectOf(content), [(null, [content])], $"A change you follow (subscription{name}):", unsubscribe);
    }

    /// <summary>Turns the queued items of every subscription whose digest time has come into one digest delivery per channel.</summary>
    internal async Task<int> BuildDueDigestsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Active && s.Frequency != Frequencies.Immediate && s.NextDigestAt != null && s.NextDigestAt <= now)
            .OrderBy(s => s.NextDigestAt).Take(100).ToListAsync(cancellationToken);
        var built = 0;
        foreach (var subscription in due)
        {
            built += await BuildDigestAsync(db, subscription, now, cancellationToken);
        }

        if (built > 0)
        {
            signal.Wake();
        }

        return built;
    }

    private static async Task<int> BuildDigestAsync(NotificationsDb db, Subscription subscription, DateTime now, CancellationToken cancellationToken)
    {
        var dueAt = subscription.NextDigestAt!.Value;
        var periodStart = subscription.DigestPeriodStart ?? subscription.CreatedAt;
        DigestSchedule.TryFindZone(subscription.TimeZone, out var zone);
        var next = DigestSchedule.Next(now.AsUtc(), subscription.Frequency, subscription.DigestHour ?? 0, subscription.DigestDay, zone);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Moving NextDigestAt on from the value read is the claim: of two workers, only one moves it.
            var claimed = await db.Subscriptions.Where(s => s.Id == subscription.Id && s.NextDigestAt == dueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDigestAt, next).SetProperty(x => x.DigestPeriodStart, dueAt), cancellationToken);
            if (claimed == 0)
            {
                return 0;
            }

            var queued = await db.Notifications.Where(n => n.SubscriptionId == subscription.Id && n.Status == DeliveryStatus.Queued).OrderBy(n => n.Id).ToListAsync(cancellationToken);
            var digests = new List<(Notification Digest, List<Notification> Items)>();
            foreach (var channel in queued.GroupBy(n => n.Channel))
            {
                var contents = channel.Select(FanOut.ContentOf).OfType<NotificationContent>().ToList();
                var groups = contents.GroupBy(c => c.MemberCode ?? "-", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new DigestMemberGroup(g.Key, g.Select(c => c.MemberName).FirstOrDefault(x => x is not null), [.. g.OrderBy(c => c.OccurredAt)]))
                    .ToList();
                var digest = new Notification
                {
                    MessageId = DigestId(subscription.Id, dueAt),
                    SubscriptionId = subscription.Id,
                    Channel = channel.Key,
                    Kind = EventKinds.Digest,
                    Payload = JsonSerializer.Serialize(new DigestContent(periodStart.AsUtc(), dueAt.AsUtc(), groups), FanOut.PayloadJson),
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                };
                db.Notifications.Add(digest);
                digests.Add((digest, channel.ToList()));
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var (digest, items) in digests)
            {
                foreach (var item in items)
                {
                    item.Status = DeliveryStatus.Digested;
                    item.DigestId = digest.Id;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return digests.Count;
        });
    }

    /// <summary>The same subscription and digest time give the same id: the unique key refuses a second digest of one period.</summary>
    private static Guid DigestId(Guid subscriptionId, DateTime dueAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"digest:{subscriptionId:N}:{dueAt.Ticks}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    [LoggerMessage(LogLevel.Error, "Delivery worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Delivery {Id} by {Channel} failed (attempt {Attempt}, {Next}): {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, long id, string channel, int attempt, string next, string error);

    [LoggerMessage(LogLevel.Warning, "Webhook of subscription {SubscriptionId} disabled after {Failures} failures in a row; its owner can re-enable it")]
    private static partial void LogWebhookDisabled(ILogger logger, Guid subscriptionId, int failures);
}
