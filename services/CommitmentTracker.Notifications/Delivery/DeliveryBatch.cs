using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Due email and webhook deliveries claimed with a lease in one atomic UPDATE (<see cref="LeaseClaims"/>, as the outbox
/// relay claims its rows), so several workers share the work and never hold the same delivery at once; then what became
/// of each: sent, or failed and retried after the configured delay, or dead after the last one. A webhook's failures
/// in a row are counted, and its webhook is disabled at <c>Notifications:Webhooks:FailuresBeforeDisable</c>.
/// Outcomes are written only while the lease is still this batch's (its lock token).
/// </summary>
internal sealed partial class DeliveryBatch
{
    private readonly NotificationsDb db;
    private readonly NotificationsOptions settings;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    private DeliveryBatch(NotificationsDb db, NotificationsOptions settings, TimeProvider time, ILogger logger, IReadOnlyList<Notification> deliveries)
    {
        this.db = db;
        this.settings = settings;
        this.time = time;
        this.logger = logger;
        Deliveries = deliveries;
    }

    /// <summary>The claimed deliveries, each with its subscription.</summary>
    public IReadOnlyList<Notification> Deliveries { get; }

    /// <summary>Takes a lease on up to <c>Delivery:BatchSize</c> due deliveries, oldest due first, of active subscriptions whose channel is not disabled.</summary>
    public static async Task<DeliveryBatch> ClaimAsync(NotificationsDb db, NotificationsOptions settings, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var deliveries = await db.Notifications.ClaimAsync(
            now => n => (n.Status == DeliveryStatus.Pending || n.Status == DeliveryStatus.Failed) && (n.LockedUntil == null || n.LockedUntil < now),
            (claimable, now) => claimable
                .Where(n => n.NextAttemptAt <= now && n.Subscription!.Active && !(n.Channel == Channels.Webhook && n.Subscription.WebhookDisabledAt != null))
                .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id),
            settings.Delivery.BatchSize, settings.Delivery.LeaseDuration, time, read: leased => leased.Include(n => n.Subscription), cancellationToken);
        return new DeliveryBatch(db, settings, time, logger, deliveries);
    }

    /// <summary>Records what became of each delivery: <paramref name="errors"/>[i] is null when <see cref="Deliveries"/>[i] was sent, else what went wrong.</summary>
    public async Task RecordAsync(IReadOnlyList<string?> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < Deliveries.Count; i++)
        {
            if (errors[i] is { } error)
            {
                await RecordFailedAsync(Deliveries[i], error, now, cancellationToken);
            }
            else
            {
                await RecordSentAsync(Deliveries[i], now, cancellationToken);
            }
        }
    }

    /// <summary>What follows the failed attempt number <paramref name="attempts"/>: a retry after the matching delay, or nothing (dead) once every delay was used.</summary>
    internal static DateTime? RetryAt(int attempts, IReadOnlyList<TimeSpan> delays, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(delays);
        return attempts > delays.Count ? null : now + delays[attempts - 1];
    }

    private async Task RecordSentAsync(Notification delivery, DateTime now, CancellationToken cancellationToken)
    {
        var token = delivery.LockToken;
        await db.Notifications.Where(n => n.Id == delivery.Id && n.LockToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, DeliveryStatus.Sent).SetProperty(n => n.SentAt, now).SetProperty(n => n.NextAttemptAt, (DateTime?)null)
            .SetProperty(n => n.LockToken, (Guid?)null).SetProperty(n => n.LockedUntil, (DateTime?)null).SetProperty(n => n.LastError, (string?)null), cancellationToken);
        if (delivery.Channel == Channels.Webhook)
        {
            await db.Subscriptions.Where(s => s.Id == delivery.SubscriptionId && s.WebhookConsecutiveFailures != 0)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.WebhookConsecutiveFailures, 0), cancellationToken);
        }
    }

    private async Task RecordFailedAsync(Notification delivery, string error, DateTime now, CancellationToken cancellationToken)
    {
        var token = delivery.LockToken;
        var retryAt = RetryAt(delivery.Attempts, settings.Delivery.EffectiveRetryDelays, now);
        var dead = retryAt is null;
        await db.Notifications.Where(n => n.Id == delivery.Id && n.LockToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, dead ? DeliveryStatus.Dead : DeliveryStatus.Failed).SetProperty(n => n.NextAttemptAt, retryAt)
            .SetProperty(n => n.LockToken, (Guid?)null).SetProperty(n => n.LockedUntil, (DateTime?)null).SetProperty(n => n.LastError, error), cancellationToken);
        LogDeliveryFailed(logger, delivery.Id, delivery.Channel, delivery.Attempts, dead ? "dead" : $"retry at {retryAt:O}", error);
        if (delivery.Channel == Channels.Webhook)
        {
            await CountWebhookFailureAsync(delivery.SubscriptionId, now, cancellationToken);
        }
    }

    private async Task CountWebhookFailureAsync(Guid subscriptionId, DateTime now, CancellationToken cancellationToken)
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

    [LoggerMessage(LogLevel.Warning, "Delivery {Id} by {Channel} failed (attempt {Attempt}, {Next}): {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, long id, string channel, int attempt, string next, string error);

    [LoggerMessage(LogLevel.Warning, "Webhook of subscription {SubscriptionId} disabled after {Failures} failures in a row; its owner can re-enable it")]
    private static partial void LogWebhookDisabled(ILogger logger, Guid subscriptionId, int failures);
}
