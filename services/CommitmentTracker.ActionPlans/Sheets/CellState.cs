namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// OGP's sheet distinguishes "not applicable" (NA), "no data under that methodology" (ND) and "not yet reviewed" (NR):
/// three states, none of them a blank or a zero.
/// </summary>
internal enum CellState
{
    Empty,
    Value,
    NotApplicable,
    NoData,
    NotReviewed,
}

internal static class Cells
{
    public static CellState StateOf(string? raw) => raw?.Trim() switch
    {
        null or "" => CellState.Empty,
        "NA" => CellState.NotApplicable,
        "ND" => CellState.NoData,
        "NR" => CellState.NotReviewed,
        _ => CellState.Value,
    };

    /// <summary>The API's name for a state: <c>value</c>, <c>empty</c>, <c>NA</c>, <c>ND</c> or <c>NR</c>.</summary>
    public static string Name(this CellState state) => state switch
    {
        CellState.Empty => "empty",
        CellState.Value => "value",
        CellState.NotApplicable => "NA",
        CellState.NoData => "ND",
        _ => "NR",
    };

    /// <summary>Line endings are normalised so a file saved on Windows is not a change; nothing else is altered.</summary>
    public static string Normalize(string raw) =>
        raw.Contains('\r', StringComparison.Ordinal) ? raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : raw;
}
