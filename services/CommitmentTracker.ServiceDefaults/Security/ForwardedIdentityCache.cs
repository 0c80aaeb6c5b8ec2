using System.Collections.Concurrent;
using System.Security.Claims;

namespace CommitmentTracker.ServiceDefaults.Security;

/// <summary>
/// Forwarded identities a service has already validated, by the token's exact text: the gateway reuses a caller's
/// token for part of its lifetime, so the signature is checked once per token instead of on every request. An entry is
/// served only until the token expires and only for the signing key it was checked with.
/// </summary>
internal sealed class ForwardedIdentityCache
{
    // Tokens live a minute: a few thousand callers at once at most; past this the cache starts over.
    internal const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Validated> tokens = new(StringComparer.Ordinal);

    public async Task<ClaimsIdentity?> ValidateAsync(string token, string signingKey, string authenticationType)
    {
        // The validator's own clock (not an injected one): a cached token expires exactly when validation would refuse it.
        var now = DateTime.UtcNow;
        if (tokens.TryGetValue(token, out var known))
        {
            if (known.ValidUntil > now && string.Equals(known.SigningKey, signingKey, StringComparison.Ordinal))
            {
                return new ClaimsIdentity(known.Claims, authenticationType);
            }

            tokens.TryRemove(token, out _);
        }

        var (claims, validUntil) = await InternalToken.ValidateCoreAsync(token, signingKey);
        if (claims is null || validUntil <= now)
        {
            return null;
        }

        if (tokens.Count >= MaxEntries)
        {
            tokens.Clear();
        }

        tokens[token] = new Validated(claims, validUntil, signingKey);
        return new ClaimsIdentity(claims, authenticationType);
    }

    private sealed record Validated(IReadOnlyList<Claim> Claims, DateTime ValidUntil, string SigningKey);
}
