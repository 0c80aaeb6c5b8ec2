using System.Globalization;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>Writes a delivery as an email (<see cref="EmailComposer"/>) with its unsubscribe link and sends it through the configured SMTP server (MailKit).</summary>
internal sealed class EmailSender(IOptions<NotificationsOptions> options, UnsubscribeTokens unsubscribeTokens) : IChannelSender
{
    private readonly NotificationsOptions settings = options.Value;

    public string Channel => Channels.Email;

    public async Task SendAsync(Notification delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var subscription = delivery.Subscription!;
        var to = subscription.Email ?? throw new InvalidOperationException("The subscription has no email address any more.");
        var unsubscribe = new Uri(settings.PublicBaseUrl, $"api/unsubscribe?token={Uri.EscapeDataString(unsubscribeTokens.Create(subscription.Id))}").ToString();
        using var message = Compose(delivery, subscription, settings.Smtp.From ?? string.Empty, to, unsubscribe);
        await TransmitAsync(message, cancellationToken);
    }

    /// <summary>The email of one change, or of a digest: its changes grouped by member.</summary>
    internal static MimeMessage Compose(Notification delivery, Subscription subscription, string from, string to, string unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(subscription);
        var name = subscription.Name is { Length: > 0 } n ? $" \"{n}\"" : string.Empty;
        if (delivery.Kind == EventKinds.Digest)
        {
            var digest = JsonSerializer.Deserialize<DigestContent>(delivery.Payload, FanOut.PayloadJson)!;
            var count = digest.Members.Sum(m => m.Changes.Count);
            return EmailComposer.Compose(
                from, to, string.Create(CultureInfo.InvariantCulture, $"[Commitment Tracker] {count} change(s) from {digest.From:yyyy-MM-dd} to {digest.To:yyyy-MM-dd}"),
                [.. digest.Members.Select(m => ((string?)(m.MemberName is null ? m.MemberCode : $"{m.MemberName} ({m.MemberCode})"), m.Changes))],
                $"Your {subscription.Frequency} digest of subscription{name}: {count} change(s), grouped by member.", unsubscribeUrl);
        }

        var content = FanOut.ContentOf(delivery)!;
        return EmailComposer.Compose(from, to, EmailComposer.SubjectOf(content), [(null, [content])], $"A change you follow (subscription{name}):", unsubscribeUrl);
    }

    private async Task TransmitAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = settings.Smtp;
        if (smtp.Host is not { Length: > 0 } host)
        {
            throw new InvalidOperationException("Email is not configured (Notifications:Smtp:Host is empty).");
        }

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
