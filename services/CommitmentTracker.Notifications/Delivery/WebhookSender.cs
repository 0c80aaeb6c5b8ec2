using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Posts a delivery as a signed webhook (<see cref="WebhookSignature"/>, with the subscription's secret as
/// <see cref="WebhookSecretProtector"/> opens it). The client (named <see cref="ClientName"/>) follows no redirect,
/// connects only through <see cref="WebhookAddressGuard"/>, and gives up an attempt after <c>Notifications:Webhooks:Timeout</c>.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, WebhookSecretProtector secrets, TimeProvider time) : IChannelSender
{
    public const string ClientName = "webhooks";

    public string Channel => Channels.Webhook;

    public async Task SendAsync(Notification delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var subscription = delivery.Subscription!;
        if (subscription.WebhookUrl is not { } url || subscription.WebhookSecret is not { } stored)
        {
            throw new UndeliverableException("The subscription has no webhook URL any more.");
        }

        var body = JsonSerializer.Serialize(BodyOf(delivery, time.GetUtcNow()), FanOut.PayloadJson);
        var secret = secrets.Unprotect(stored, subscription.Id);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Kind);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CommitmentTracker-Webhooks", "1.0"));
        using var client = clients.CreateClient(ClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }

    /// <summary>The JSON body of a delivery: <c>event</c> for one change (or a test), <c>digest</c> for a digest.</summary>
    internal static WebhookBody BodyOf(Notification delivery, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.Kind == EventKinds.Digest
            ? new WebhookBody(delivery.Id, delivery.MessageId, delivery.SubscriptionId, delivery.Kind, null, JsonSerializer.Deserialize<DigestContent>(delivery.Payload, FanOut.PayloadJson), sentAt)
            : new WebhookBody(delivery.Id, delivery.MessageId, delivery.SubscriptionId, delivery.Kind, FanOut.ContentOf(delivery), null, sentAt);
    }
}
