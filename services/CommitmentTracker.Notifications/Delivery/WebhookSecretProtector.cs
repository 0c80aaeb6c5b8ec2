using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Keeps webhook secrets encrypted at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
/// <c>Notifications:WebhookSecretKey</c>, with the subscription's id as associated data so a stored value only opens for
/// its own subscription. Signing needs the secret itself, so a hash will not do; with the key outside the database a
/// leaked database or backup does not let anyone forge signatures. Without a key secrets are stored as they are, and
/// values stored before a key was set stay readable (they carry no prefix).
/// </summary>
internal sealed class WebhookSecretProtector
{
    private const string Prefix = "enc1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] KeyPurpose = "commitment-tracker/webhook-secrets/v1"u8.ToArray();

    private readonly byte[]? key;

    public WebhookSecretProtector(IOptions<NotificationsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        key = options.Value.WebhookSecretKey is { Length: > 0 } configured
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(configured), 32, info: KeyPurpose)
            : null;
    }

    /// <summary>The value to store for <paramref name="secret"/>.</summary>
    public string Protect(string secret, Guid subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (key is null)
        {
            return secret;
        }

        var plain = Encoding.UTF8.GetBytes(secret);
        var box = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = box.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, box.AsSpan(NonceBytes, plain.Length), box.AsSpan(NonceBytes + plain.Length), subscriptionId.ToByteArray());
        return Prefix + Convert.ToBase64String(box);
    }

    /// <summary>The secret behind a stored value; throws when it cannot be opened (another key, another subscription, altered).</summary>
    public string Unprotect(string stored, Guid subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        if (key is null)
        {
            throw new InvalidOperationException("The webhook secret is encrypted but Notifications:WebhookSecretKey is not set.");
        }

        byte[] box;
        try
        {
            box = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The stored webhook secret is not valid.", e);
        }

        if (box.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The stored webhook secret is not valid.");
        }

        var plain = new byte[box.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        try
        {
            aes.Decrypt(box.AsSpan(0, NonceBytes), box.AsSpan(NonceBytes, plain.Length), box.AsSpan(NonceBytes + plain.Length), plain, subscriptionId.ToByteArray());
        }
        catch (CryptographicException e)
        {
            // Said in words an operator can act on: this text lands in the delivery log.
            throw new CryptographicException(
                "The stored webhook secret cannot be opened: it was stored under another Notifications:WebhookSecretKey, or altered. Recreate the subscription for a new secret.", e);
        }

        return Encoding.UTF8.GetString(plain);
    }
}
