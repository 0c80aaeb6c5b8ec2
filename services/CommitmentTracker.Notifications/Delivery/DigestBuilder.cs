using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Turns the queued items of every subscription whose digest time has come into one digest delivery per channel. A
/// digest is claimed by moving the subscription's <c>NextDigestAt</c> on from the value read, in the transaction that
/// creates it, and its message id is derived from the subscription and the digest time: one period gives one digest,
/// however many workers look.
/// </summary>
internal sealed class DigestBuilder(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider time)
{
    /// <summary>Builds the due digests (up to 100 subscriptions a round) and wakes the worker to send them. Returns how many digests it built.</summary>
    public async Task<int> BuildDueAsync(CancellationToken cancellationToken)
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
            built += await BuildAsync(db, subscription, now, cancellationToken);
        }

        if (built > 0)
        {
            signal.Wake();
        }

        return built;
    }

    /// <summary>A digest of <paramref name="changes"/>: grouped by member (in code order, "-" for none), each group in the order the changes happened.</summary>
    internal static DigestContent Compose(DateTimeOffset from, DateTimeOffset to, IEnumerable<NotificationContent> changes)
    {
        var groups = changes.GroupBy(c => c.MemberCode ?? "-", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DigestMemberGroup(g.Key, g.Select(c => c.MemberName).FirstOrDefault(x => x is not null), [.. g.OrderBy(c => c.OccurredAt)]))
            .ToList();
        return new DigestContent(from, to, groups);
    }

    /// <summary>The same subscription and digest time give the same id: the unique key refuses a second digest of one period.</summary>
    internal static Guid DigestId(Guid subscriptionId, DateTime dueAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"digest:{subscriptionId:N}:{dueAt.Ticks}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static async Task<int> BuildAsync(NotificationsDb db, Subscription subscription, DateTime now, CancellationToken cancellationToken)
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
                var content = Compose(periodStart.AsUtc(), dueAt.AsUtc(), channel.Select(FanOut.ContentOf).OfType<NotificationContent>());
                var digest = new Notification
                {
                    MessageId = DigestId(subscription.Id, dueAt),
                    SubscriptionId = subscription.Id,
                    Channel = channel.Key,
                    Kind = EventKinds.Digest,
                    Payload = JsonSerializer.Serialize(content, FanOut.PayloadJson),
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
}
