using System.Collections.Concurrent;
using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Gateway;

/// <summary>
/// Signs the identity the gateway forwards (<see cref="InternalToken"/>) once per caller and reuses it for the first
/// half of its lifetime, so every token a service receives has at least half its lifetime left and a busy caller costs
/// one signature every half minute, not one per request (services cache what they validated by the token's text). The
/// caller is authenticated on every request before this runs: a revoked key never gets a token, cached or not.
/// </summary>
internal sealed class ForwardedIdentityIssuer(TimeProvider time)
{
    // Past this many callers signed in the last half minute the cache starts over rather than grow.
    internal const int MaxEntries = 10_000;
    private static readonly TimeSpan ReuseFor = InternalToken.Lifetime / 2;
    private readonly ConcurrentDictionary<string, Issued> issued = new(StringComparer.Ordinal);

    public string TokenFor(ClaimsPrincipal user, string signingKey)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var caller = Fingerprint(user);
        if (issued.TryGetValue(caller, out var known) && now - known.At < ReuseFor && now >= known.At
            && string.Equals(known.SigningKey, signingKey, StringComparison.Ordinal))
        {
            return known.Token;
        }

        if (issued.Count >= MaxEntries)
        {
            issued.Clear();
        }

        var token = InternalToken.Create(user, signingKey, now);
        issued[caller] = new Issued(token, now, signingKey);
        return token;
    }

    /// <summary>Everything the token states about the caller, so a key whose roles or scope differ never shares a token.</summary>
    internal static string Fingerprint(ClaimsPrincipal user)
    {
        var parts = new List<string>(8)
        {
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            user.FindFirstValue(TrackerClaims.Organisation) ?? string.Empty,
        };
        parts.AddRange(user.FindAll(ClaimTypes.Role).Select(c => "r:" + c.Value));
        parts.AddRange(user.FindAll(TrackerClaims.Member).Select(c => "m:" + c.Value));
        return string.Join('\u001f', parts);
    }

    private sealed record Issued(string Token, DateTime At, string SigningKey);
}
