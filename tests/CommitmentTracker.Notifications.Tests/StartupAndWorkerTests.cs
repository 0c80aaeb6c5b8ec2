using System.Collections.Concurrent;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>Settings are checked at start; two delivery workers share the work without sending anything twice.</summary>
public sealed class StartupAndWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Notifications:Smtp:From", "not an address", "From")]
    [InlineData("Notifications:Smtp:Port", "70000", "Port")]
    [InlineData("Notifications:UnsubscribeSigningKey", "short", "UnsubscribeSigningKey")]
    [InlineData("Notifications:WebhookSecretKey", "short", "WebhookSecretKey")]
    [InlineData("Notifications:Webhooks:AllowList:0", "10.0.0.0/99", "AllowList")]
    [InlineData("Notifications:Delivery:Concurrency", "0", "Concurrency")]
    [InlineData("Notifications:PublicBaseUrl", "ftp://tracker.example.org/", "PublicBaseUrl")]
    public void Invalid_settings_stop_the_service_at_start(string key, string value, string named)
    {
        using var factory = new NotificationsFactory(smtpPort: 2525, settings: new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_without_an_unsubscribe_signing_key_is_refused_at_start()
    {
        using var factory = new NotificationsFactory(smtpPort: 2525, settings: new Dictionary<string, string?> { ["Notifications:UnsubscribeSigningKey"] = null });

        var failure = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains("UnsubscribeSigningKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_workers_draining_the_same_deliveries_send_each_exactly_once()
    {
        using var receiver = new WebhookReceiver();
        // A long polling interval keeps the hosted worker out of the way: the two workers below do the sending.
        await using var factory = new NotificationsFactory(settings: new Dictionary<string, string?> { ["Notifications:Delivery:PollingInterval"] = "00:10:00", ["Notifications:Delivery:BatchSize"] = "7" });
        await factory.KnowAsync(["BGR"]);
        using var admin = factory.CreateAdminClient();
        for (var s = 0; s < 5; s++)
        {
            var created = await factory.SubscribeAsync(admin, new { members = new[] { "BGR" }, channels = new[] { "webhook" }, webhookUrl = receiver.UrlFor($"s{s}") });
            receiver.SecretsByPath[$"/hook/s{s}"] = created.WebhookSecret!;
        }

        // Stored as the consumer would, but without waking the hosted worker.
        var messages = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var payload = System.Text.Json.JsonSerializer.Serialize(
            new NotificationContent("commitment-changed", "BGR", "Bulgaria", "BG0039", "AP_BGR05", "Introducing e-procurement", "Changed.", [], null, null, null, Events.At), FanOut.PayloadJson);
        await factory.QueryAsync(async db =>
        {
            var subscriptions = db.Subscriptions.ToList();
            foreach (var message in messages)
            {
                foreach (var subscription in subscriptions)
                {
                    db.Notifications.Add(new Data.Notification
                    {
                        MessageId = message, SubscriptionId = subscription.Id, Channel = Channels.Webhook, Kind = "commitment-changed", MemberCode = "BGR",
                        Payload = payload,
                        Status = DeliveryStatus.Pending, NextAttemptAt = DateTime.UtcNow.AddSeconds(-1), CreatedAt = DateTime.UtcNow,
                    });
                }
            }

            return await db.SaveChangesAsync(Ct);
        });

        var first = ActivatorUtilities.CreateInstance<DeliveryWorker>(factory.Services);
        var second = ActivatorUtilities.CreateInstance<DeliveryWorker>(factory.Services);
        async Task DrainAsync(DeliveryWorker worker)
        {
            while (await worker.DeliverDueAsync(Ct) > 0)
            {
            }
        }

        await Task.WhenAll(DrainAsync(first), DrainAsync(second), DrainAsync(first), DrainAsync(second));

        var deliveries = await factory.QueryAsync(db => Task.FromResult(db.Notifications.Select(n => new { n.Id, n.Status, n.Attempts }).ToList()));
        Assert.Equal(60, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(("sent", 1), (d.Status, d.Attempts)));
        var calls = receiver.Received.ToList();
        Assert.Equal(60, calls.Count);
        Assert.All(calls, c => Assert.True(c.Valid));
        var ids = new ConcurrentBag<long>(calls.Select(c => System.Text.Json.JsonDocument.Parse(c.Body).RootElement.GetProperty("deliveryId").GetInt64()));
        Assert.Equal(60, ids.Distinct().Count());
    }
}
