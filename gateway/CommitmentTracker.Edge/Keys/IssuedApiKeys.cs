using CommitmentTracker.ServiceDefaults.Security;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

using CommitmentTracker.Edge.Data;

namespace CommitmentTracker.Edge.Keys;

/// <summary>Finds a presented key by the hash of its secret; no cache, so a revocation counts from the next request.</summary>
internal sealed class IssuedApiKeys(ApiKeyDb db, TimeProvider time) : IIssuedApiKeys
{
    public async Task<ClaimsIdentity?> AuthenticateAsync(string presentedSecret, string authenticationType, CancellationToken cancellationToken)
    {
        if (!presentedSecret.StartsWith(ApiKeySecrets.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiKeySecrets.Hash(presentedSecret);
        var now = time.GetUtcNow().UtcDateTime;
        var key = await db.Keys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.SecretHash == hash && k.RevokedAt == null && k.ExpiresAt > now, cancellationToken);
        return key is null ? null : IdentityOf(key, authenticationType);
    }

    internal static ClaimsIdentity IdentityOf(IssuedApiKey key, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key.Id), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(ApiKeyRules.Split(key.Roles).Select(role => new Claim(ClaimTypes.Role, role)));
        if (key.Organisation is { } organisation)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation));
        }

        claims.AddRange(ApiKeyRules.Split(key.MemberScope).Select(code => new Claim(TrackerClaims.Member, code)));
        return new ClaimsIdentity(claims, authenticationType);
    }
}
