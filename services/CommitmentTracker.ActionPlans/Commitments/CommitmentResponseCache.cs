using System.Collections.Concurrent;
using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Commitments;

/// <summary>
/// <c>GET /api/commitments/{id}</c>'s answers as the JSON bytes sent, by commitment id, each kept under the database's
/// change generation (<see cref="DatabaseChanges{TContext}"/>) read before the database was: an answer is sent again
/// only while no commit has happened since, in this process or any other on the same database, so a changed
/// commitment, member name or link is never answered from the cache. The first request after a commit finds a new
/// generation and empties it. Where the database cannot tell (PostgreSQL, SQL Server) nothing is kept.
/// </summary>
internal sealed class CommitmentResponseCache(DatabaseChanges<ActionPlansDb> changes, IOptions<JsonOptions> jsonOptions)
{
    // Beyond this many bytes of answers the cache starts over rather than grow (a commitment's answer is ~5-10 KB).
    internal const long MaxBytes = 32 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions json = jsonOptions.Value.SerializerOptions;
    private long generation = long.MinValue;
    private long bytes;

    public int Count => entries.Count;

    /// <summary>The database's change generation now (null: do not cache). Read it before reading the database.</summary>
    public long? Generation()
    {
        var current = changes.Generation();
        if (current is { } now)
        {
            var seen = Interlocked.Read(ref generation);
            // Generations only grow: the first request to see a newer one empties the cache.
            if (now > seen && Interlocked.CompareExchange(ref generation, now, seen) == seen)
            {
                entries.Clear();
                Interlocked.Exchange(ref bytes, 0);
            }
        }

        return current;
    }

    /// <summary>The answer kept for <paramref name="id"/> at <paramref name="current"/>, if any.</summary>
    public byte[]? Find(string id, long? current) =>
        current is { } now && entries.TryGetValue(id, out var entry) && entry.Generation == now ? entry.Json : null;

    /// <summary>
    /// The answer's bytes, as the framework's JSON settings write it, kept when it was read at <paramref name="readAt"/>
    /// (the generation read before the database).
    /// </summary>
    public byte[] Keep(string id, CommitmentResponse response, long? readAt)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(response, json);
        if (readAt is { } generationRead)
        {
            if (Interlocked.Add(ref bytes, body.Length) > MaxBytes)
            {
                entries.Clear();
                Interlocked.Exchange(ref bytes, body.Length);
            }

            // Entries carry their generation: one kept under an older generation, after a newer one emptied the cache, is never sent.
            entries[id] = new Entry(generationRead, body);
        }

        return body;
    }

    private sealed record Entry(long Generation, byte[] Json);
}
