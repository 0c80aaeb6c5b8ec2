using System.Threading.Channels;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>Import ids waiting for this process's worker, in arrival order.</summary>
internal sealed class ImportQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid importId) => channel.Writer.TryWrite(importId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
