using CommitmentTracker.ServiceDefaults.Security;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitmentTracker.Edge.Keys;

/// <summary>Key secrets: <c>ctk_</c> and 32 random bytes in base64url; stored as their SHA-256.</summary>
internal static class ApiKeySecrets
{
    public const string Prefix = "ctk_";

    public static string NewSecret() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    // A plain hash is enough: the secret has 256 bits of entropy, so there is nothing to guess or precompute.
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
