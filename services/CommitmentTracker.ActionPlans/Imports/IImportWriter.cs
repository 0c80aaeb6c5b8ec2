namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Where an import's changes go, batch by batch as <see cref="ImportComparer"/> finds them: applied by a real import
/// (<see cref="ImportWriter"/>), only recorded by a dry run (<see cref="DryRunWriter"/>).
/// </summary>
internal interface IImportWriter : IAsyncDisposable
{
    /// <summary>Writes one batch of changes, in their order.</summary>
    Task WriteAsync(IReadOnlyList<ImportChange> changes, CancellationToken cancellationToken);

    /// <summary>Ends the import: what only the whole file tells, the rejected rows, and the job with its final status and counts.</summary>
    Task CompleteAsync(ImportEnd end, CancellationToken cancellationToken);
}
