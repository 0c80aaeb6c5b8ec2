using System.Security.Cryptography;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>Webhook secrets are encrypted at rest under Notifications:WebhookSecretKey, and webhooks still sign with the secret itself.</summary>
public sealed class WebhookSecretTests : IAsyncDisposable
{
    private readonly NotificationsFactory factory = new();
    private readonly WebhookReceiver receiver = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        receiver.Dispose();
    }

    /// <summary>A Bulgarian country lead's webhook subscription; the receiver is given the secret shown at creation.</summary>
    private async Task<SubscriptionWithSecretResponse> SubscribeWebhookAsync()
    {
        await factory.KnowAsync(["BGR"]);
        using var lead = factory.Lead("lead-bgr", "BGR");
        var created = await factory.SubscribeAsync(lead, new { name = "hook", members = new[] { "BGR" }, channels = new[] { "webhook" }, webhookUrl = receiver.Url });
        receiver.Secret = created.WebhookSecret;
        return created;
    }

    private static WebhookSecretProtector Protector(string? key = NotificationsFactory.WebhookSecretKey) =>
        new(Options.Create(new NotificationsOptions { WebhookSecretKey = key }));

    [Fact]
    public void A_secret_is_stored_encrypted_differently_each_time_and_opens_with_the_key_for_its_own_subscription()
    {
        var protector = Protector();
        var subscription = Guid.CreateVersion7();
        var secret = WebhookSignature.NewSecret();

        var first = protector.Protect(secret, subscription);
        var second = protector.Protect(secret, subscription);

        Assert.StartsWith("enc1:", first, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.InRange(first.Length, 1, 200); // the column's width
        Assert.Equal(secret, protector.Unprotect(first, subscription));
        Assert.Equal(secret, protector.Unprotect(second, subscription));
    }

    [Fact]
    public void A_stored_secret_does_not_open_for_another_subscription_another_key_or_when_altered()
    {
        var subscription = Guid.CreateVersion7();
        var stored = Protector().Protect("whsec_abc", subscription);
        var altered = stored[..^4] + (stored[^4] == 'A' ? "B" : "A") + stored[^3..];

        Assert.ThrowsAny<CryptographicException>(() => Protector().Unprotect(stored, Guid.CreateVersion7()));
        Assert.ThrowsAny<CryptographicException>(() => Protector("another-webhook-secret-key-0123456789abcdef").Unprotect(stored, subscription));
        Assert.ThrowsAny<CryptographicException>(() => Protector().Unprotect(altered, subscription));
        Assert.ThrowsAny<CryptographicException>(() => Protector().Unprotect("enc1:not base64!", subscription));
        Assert.Throws<InvalidOperationException>(() => Protector(null).Unprotect(stored, subscription));
    }

    [Fact]
    public void Without_a_key_secrets_are_stored_as_they_are_and_ones_stored_before_a_key_was_set_stay_readable()
    {
        var subscription = Guid.CreateVersion7();

        Assert.Equal("whsec_abc", Protector(null).Protect("whsec_abc", subscription));
        Assert.Equal("whsec_abc", Protector().Unprotect("whsec_abc", subscription));
    }

    [Fact]
    public async Task The_database_holds_only_the_encrypted_secret_and_the_webhook_is_signed_with_the_secret_itself()
    {
        var created = await SubscribeWebhookAsync();

        var stored = await factory.QueryAsync(db => db.Subscriptions.Where(s => s.Id == created.Subscription.Id).Select(s => s.WebhookSecret).SingleAsync(Ct));
        Assert.StartsWith("enc1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(created.WebhookSecret!, stored!, StringComparison.Ordinal);

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        await factory.DeliveriesWhenAsync(created.Subscription.Id, d => d.Any(x => x.Status == "sent"), "the webhook to be sent");
        Assert.True(Assert.Single(receiver.Received).Valid, "the receiver verifies the signature with the secret it was shown");
    }

    [Fact]
    public async Task A_secret_that_cannot_be_opened_fails_its_delivery_visibly_instead_of_signing_with_something_else()
    {
        var created = await SubscribeWebhookAsync();
        // As if the key had changed since: the stored value was sealed under another key.
        var foreign = Protector("another-webhook-secret-key-0123456789abcdef").Protect(created.WebhookSecret!, created.Subscription.Id);
        await factory.QueryAsync(db => db.Subscriptions.Where(s => s.Id == created.Subscription.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.WebhookSecret, foreign), Ct));

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        var deliveries = await factory.DeliveriesWhenAsync(created.Subscription.Id, d => d.Any(x => x.LastError != null), "the failed attempt to be logged");
        Assert.Contains("stored under another Notifications:WebhookSecretKey", deliveries[0].LastError, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }
}
