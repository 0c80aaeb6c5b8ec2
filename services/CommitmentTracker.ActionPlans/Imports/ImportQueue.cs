using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Import ids waiting for this process's worker, in arrival order, each at most once. Another instance's queue may hold
/// the same id: the claim (<see cref="ImportLease.ClaimAsync"/>) decides who runs it.
/// </summary>
internal sealed class ImportQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> waiting = new();

    /// <summary>Adds the import unless it is already waiting here; true when added.</summary>
    public bool Enqueue(Guid importId) => waiting.TryAdd(importId, 0) && channel.Writer.TryWrite(importId);

    public async IAsyncEnumerable<Guid> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var importId in channel.Reader.ReadAllAsync(cancellationToken))
        {
            waiting.TryRemove(importId, out _);
            yield return importId;
        }
    }
}
