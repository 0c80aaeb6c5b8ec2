using System.Collections.Concurrent;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>Rows read so far by the imports running in this process (the database holds counts once an import ends).</summary>
internal sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> rowsRead = new();

    public void Report(Guid importId, int rows) => rowsRead[importId] = rows;

    public int? RowsRead(Guid importId) => rowsRead.TryGetValue(importId, out var rows) ? rows : null;

    public void Forget(Guid importId) => rowsRead.TryRemove(importId, out _);
}
