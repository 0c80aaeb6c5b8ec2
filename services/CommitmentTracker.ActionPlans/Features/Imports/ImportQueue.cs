using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CommitmentTracker.ActionPlans.Features.Imports;

/// <summary>Import ids waiting for this process's worker, in arrival order.</summary>
internal sealed class ImportQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid importId) => channel.Writer.TryWrite(importId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Rows read so far by the imports running in this process (the database holds counts once an import ends).</summary>
internal sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> rowsRead = new();

    public void Report(Guid importId, int rows) => rowsRead[importId] = rows;

    public int? RowsRead(Guid importId) => rowsRead.TryGetValue(importId, out var rows) ? rows : null;

    public void Forget(Guid importId) => rowsRead.TryRemove(importId, out _);
}
