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
    Dictionary<string, string>? Extra);

/// <summary>A problem with one row: it is rejected, the rest of the file is imported.</summary>
internal sealed record RowProblem(int Row, string? Column, string? Value, string Reason);
