using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>The webhook signature: <c>sha256=</c> and the hex HMAC-SHA256 of <c>timestamp + "." + body</c> with the subscription's secret.</summary>
internal static class WebhookSignature
{
    public const string TimestampHeader = "X-Tracker-Timestamp";
    public const string SignatureHeader = "X-Tracker-Signature";
    public const string EventHeader = "X-Tracker-Event";
    public const string DeliveryHeader = "X-Tracker-Delivery";

    public static string Sign(string secret, string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>A new secret: 32 random bytes, base64url, prefixed so it is recognisable in a leak scan.</summary>
    public static string NewSecret() => "whsec_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// Signed unsubscribe tokens: the subscription id and an HMAC-SHA256 of it with <c>Notifications:UnsubscribeSigningKey</c>.
/// A link keeps working without a login, and only the key's holder can mint one.
/// </summary>
internal sealed class UnsubscribeTokens(IOptions<NotificationsOptions> options)
{
    private const string Purpose = "unsubscribe:";
    private readonly byte[]? key = options.Value.UnsubscribeSigningKey is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : null;

    public bool CanSign => key is not null;

    public string Create(Guid subscriptionId)
    {
        var signingKey = key ?? throw new InvalidOperationException("Notifications:UnsubscribeSigningKey is not set.");
        return $"{subscriptionId:N}.{WebEncoders.Base64UrlEncode(Mac(signingKey, subscriptionId))}";
    }

    public bool TryRead(string? token, out Guid subscriptionId)
    {
        subscriptionId = Guid.Empty;
        if (key is null || string.IsNullOrEmpty(token) || token.Split('.') is not [var id, var mac] || !Guid.TryParseExact(id, "N", out var parsed))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(WebEncoders.Base64UrlEncode(Mac(key, parsed)));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(mac)))
        {
            return false;
        }

        subscriptionId = parsed;
        return true;
    }

    private static byte[] Mac(byte[] key, Guid subscriptionId) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Purpose + subscriptionId.ToString("N")));
}
