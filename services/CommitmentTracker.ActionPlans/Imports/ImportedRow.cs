using CommitmentTracker.ActionPlans.Sheets;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>A data row that passed validation: its key fields and its cells by sheet column name.</summary>
internal sealed record ImportedRow(
    int RowNumber,
    string Id,
    string MemberCode,
    string MemberName,
    string ActionPlanId,
    SheetCells Cells,
    Dictionary<string, string>? Extra)
{
    /// <summary>
    /// What is stored of a row of a plan the database did not hold (almost always a new commitment), worked out on the
    /// parser's thread (<see cref="StoredCells.Of(ImportedRow)"/>); null for the others, whose stored values the writer works out if
    /// they are new or changed.
    /// </summary>
    public StoredCells? Stored { get; init; }

    /// <summary>
    /// The row as a new commitment, built on the parser's thread for the same rows as <see cref="Stored"/>; the writer
    /// inserts it when the row is indeed new (<see cref="RowAdded"/>), and builds it itself for the other new rows.
    /// </summary>
    public NewCommitment? New { get; init; }
}

/// <summary>
/// A row's hashes and the stored form of its cells (<see cref="CommitmentCells.Hashes"/>, <see cref="CommitmentCells.SerializeStored"/>):
/// functions of the cells alone. The writer's thread is the import's bottleneck and the parser's has time to spare, so
/// the parser works them out for the rows of plans the database did not hold when the import began (a first import's
/// every row), and the writer stores them as they are.
/// </summary>
internal sealed record StoredCells(byte[] ContentHash, byte[] FullHash, string Json)
{
    public static StoredCells Of(ImportedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Of(row.Cells, row.Extra);
    }

    /// <summary>What is stored of <paramref name="cells"/> (with the row's columns outside the layout, <paramref name="extra"/>).</summary>
    public static StoredCells Of(IReadOnlyDictionary<string, string> cells, IReadOnlyDictionary<string, string>? extra)
    {
        var (content, full) = CommitmentCells.Hashes(cells, extra);
        return new StoredCells(content, full, CommitmentCells.SerializeStored(cells));
    }
}

/// <summary>A problem with one row: it is rejected, the rest of the file is imported.</summary>
internal sealed record RowProblem(int Row, string? Column, string? Value, string Reason);
