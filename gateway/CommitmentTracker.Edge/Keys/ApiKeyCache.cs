using System.Collections.Concurrent;
using System.Security.Claims;

namespace CommitmentTracker.Edge.Keys;

/// <summary>
/// Live keys already found in the store, by the hash of their secret, so a request does not look its key up again.
/// Entries hold until the key expires or the store's revocation counter (<see cref="Data.KeyStoreGeneration"/>) moves:
/// a revocation in this process empties the cache at once, one in another process from that process's next read of
/// the counter. Unknown secrets are never cached (a key issued a moment later must work). The counter itself is read
/// again only when the store has had a commit since the last read (on SQLite; on every request elsewhere).
/// </summary>
internal sealed class ApiKeyCache
{
    // Beyond this many live keys the cache starts over rather than grow without bound (keys number in the hundreds).
    internal const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, CachedKey> keys = new(StringComparer.Ordinal);
    private long generation = -1;
    private CounterRead? lastCounter;

    public int Count => keys.Count;

    /// <summary>The cached key's claims, when the cache is still at <paramref name="currentGeneration"/> and the key has not expired.</summary>
    public bool TryGet(string secretHash, long currentGeneration, DateTime utcNow, out IReadOnlyList<Claim> claims)
    {
        SyncTo(currentGeneration);
        if (keys.TryGetValue(secretHash, out var cached) && cached.ExpiresAt > utcNow && cached.Generation == currentGeneration)
        {
            claims = cached.Claims;
            return true;
        }

        claims = [];
        return false;
    }

    /// <summary>Keeps a key found live at <paramref name="readAtGeneration"/> (the counter read before the lookup).</summary>
    public void Add(string secretHash, IReadOnlyList<Claim> claims, DateTime expiresAt, long readAtGeneration)
    {
        if (keys.Count >= MaxEntries)
        {
            keys.Clear();
        }

        // The first key sets the counter the cache is at; after that only a read of the counter moves it.
        Interlocked.CompareExchange(ref generation, readAtGeneration, -1);
        keys[secretHash] = new CachedKey(claims, expiresAt, readAtGeneration);
    }

    /// <summary>
    /// The revocation counter as last read, when the store has had no commit since (<paramref name="storeGeneration"/>,
    /// from <see cref="Persistence.DatabaseChanges{TContext}"/>, is still the one it was read at).
    /// </summary>
    public bool TryGetCounter(long? storeGeneration, out long counter)
    {
        var last = Volatile.Read(ref lastCounter);
        counter = last?.Counter ?? 0;
        return storeGeneration is { } now && last is not null && last.StoreGeneration == now;
    }

    /// <summary>Keeps the counter read at <paramref name="storeGeneration"/> (the store's generation read before it).</summary>
    public void RememberCounter(long? storeGeneration, long counter) =>
        Volatile.Write(ref lastCounter, storeGeneration is { } at ? new CounterRead(at, counter) : null);

    /// <summary>Forgets every key: called by a revocation in this process, before its response.</summary>
    public void Clear() => keys.Clear();

    private void SyncTo(long currentGeneration)
    {
        var seen = Interlocked.Read(ref generation);
        if (seen != currentGeneration && Interlocked.CompareExchange(ref generation, currentGeneration, seen) == seen)
        {
            // Entries also carry their generation, so one added concurrently under the old counter is never served.
            keys.Clear();
        }
    }

    private sealed record CounterRead(long StoreGeneration, long Counter);

    private sealed record CachedKey(IReadOnlyList<Claim> Claims, DateTime ExpiresAt, long Generation);
}
