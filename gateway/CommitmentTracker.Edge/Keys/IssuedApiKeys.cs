using CommitmentTracker.ServiceDefaults.Security;
using System.Security.Claims;
using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using CommitmentTracker.Edge.Data;

namespace CommitmentTracker.Edge.Keys;

/// <summary>
/// Finds a presented key by the hash of its secret: in <see cref="ApiKeyCache"/> when the store's revocation counter
/// has not moved since the key was cached, else in the store. The counter is checked on every request, so a revocation
/// counts from the next request in every process that shares the store: on SQLite it is read again only when the
/// store's file has had a commit since the last read (<see cref="DatabaseChanges{TContext}"/>, no query), elsewhere
/// it is read every time (one primary-key read).
/// </summary>
internal sealed class IssuedApiKeys(IServiceProvider services, ApiKeyCache cache, DatabaseChanges<ApiKeyDb> changes, TimeProvider time) : IIssuedApiKeys
{
    // Compiled once per provider's model (CompiledPerModel), not translated on every request.
    private static readonly CompiledPerModel<Func<ApiKeyDb, CancellationToken, Task<long>>> RevocationCounter = new(() =>
        EF.CompileAsyncQuery((ApiKeyDb db, CancellationToken _) =>
            db.Generations.Where(g => g.Id == KeyStoreGeneration.SingleId).Select(g => g.Revocations).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<ApiKeyDb, string, DateTime, CancellationToken, Task<IssuedApiKey?>>> LiveKeyByHash = new(() =>
        EF.CompileAsyncQuery((ApiKeyDb db, string hash, DateTime now, CancellationToken _) =>
            db.Keys.AsNoTracking().FirstOrDefault(k => k.SecretHash == hash && k.RevokedAt == null && k.ExpiresAt > now)));

    public async Task<ClaimsIdentity?> AuthenticateAsync(string presentedSecret, string authenticationType, CancellationToken cancellationToken)
    {
        if (!presentedSecret.StartsWith(ApiKeySecrets.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiKeySecrets.Hash(presentedSecret);
        var now = time.GetUtcNow().UtcDateTime;
        // The store's change generation first: a counter read after it is at least as new.
        var storeGeneration = changes.Generation();
        ApiKeyDb? db = null;
        if (!cache.TryGetCounter(storeGeneration, out var generation))
        {
            db = services.GetRequiredService<ApiKeyDb>();
            generation = await RevocationCounter.For(db)(db, cancellationToken);
            cache.RememberCounter(storeGeneration, generation);
        }

        if (cache.TryGet(hash, generation, now, out var cached))
        {
            return new ClaimsIdentity(cached, authenticationType);
        }

        db ??= services.GetRequiredService<ApiKeyDb>();
        var key = await LiveKeyByHash.For(db)(db, hash, now, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var claims = ClaimsOf(key);
        cache.Add(hash, claims, key.ExpiresAt, generation);
        return new ClaimsIdentity(claims, authenticationType);
    }

    private static List<Claim> ClaimsOf(IssuedApiKey key)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key.Id), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(ApiKeyRules.Split(key.Roles).Select(role => new Claim(ClaimTypes.Role, role)));
        if (key.Organisation is { } organisation)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation));
        }

        claims.AddRange(ApiKeyRules.Split(key.MemberScope).Select(code => new Claim(TrackerClaims.Member, code)));
        return claims;
    }
}
