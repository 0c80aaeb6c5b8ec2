using System.Globalization;
using System.Text.RegularExpressions;
using CommitmentTracker.ActionPlans.Sheets;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// Turns the reader's current row into an <see cref="ImportedRow"/>, or the problems that reject it. Values are kept as
/// written (line endings normalised, an export's formula guard removed); checks are on shape, never on content.
/// </summary>
internal sealed partial class RowReader(SheetLayout layout, MemberNames members, int maxCellChars)
{
    private static readonly HashSet<string> IntegerColumns =
        [SheetColumns.ActionPlanNumber, SheetColumns.SubmissionYear, SheetColumns.EndYear, SheetColumns.DurationYears, SheetColumns.OgpId];

    private readonly int headerCells = layout.Known.Count + layout.Unknown.Count;

    // Per known column of the file, worked out once: its position in SheetColumns.All and whether it holds a whole number.
    private readonly (int Ordinal, bool IsInteger)[] known = [.. layout.Known.Select(k => (SheetColumns.OrdinalOf(k.Column.Name), IntegerColumns.Contains(k.Column.Name)))];

    /// <summary>The row, or null with <paramref name="problems"/> filled; <paramref name="id"/> is the commitment id when it could be read.</summary>
    public ImportedRow? Read(ISheetReader reader, List<RowProblem> problems, out string? id, out string? actionPlanId)
    {
        var row = reader.RowNumber;
        id = null;
        actionPlanId = null;
        for (var extra = headerCells; extra < reader.CellCount; extra++)
        {
            if (reader.Get(extra).Length > 0)
            {
                // The cells are probably shifted; the row is rejected, but its ids are still read to protect it from removal.
                problems.Add(new RowProblem(row, null, null, $"The row has {reader.CellCount} cells but the header has {headerCells}: a comma outside quotes?"));
                break;
            }
        }

        var cells = new SheetCells();
        for (var i = 0; i < known.Length; i++)
        {
            var (ordinal, column) = layout.Known[i];
            var value = Clean(reader.Get(ordinal));
            if (value.Length == 0)
            {
                continue;
            }

            if (value.Length > maxCellChars)
            {
                // Readers cut a longer cell at one character past the limit, so its length is not reported.
                problems.Add(new RowProblem(row, column.Name, value[..80] + "…", $"The cell holds more than {maxCellChars:N0} characters, the most a cell may hold (setting Imports:MaxCellChars)."));
                continue;
            }

            // Shape checks run here, on each cell once, with what the column is known in advance.
            if (column.Kind == SheetColumnKind.PolicyArea)
            {
                if (value is not ("0" or "1") && Cells.StateOf(value) == CellState.Value && value.Trim() is not ("0" or "1"))
                {
                    problems.Add(new RowProblem(row, column.Name, value, "A policy-area flag is 0 or 1 (or NA, ND, NR)."));
                }
            }
            else if (known[i].IsInteger && Cells.StateOf(value) == CellState.Value
                && !int.TryParse(value.AsSpan().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                problems.Add(new RowProblem(row, column.Name, value, "A whole number (or NA, ND, NR) is expected."));
            }

            cells.Set(known[i].Ordinal, value);
        }

        Dictionary<string, string>? extraCells = null;
        foreach (var (ordinal, name) in layout.Unknown)
        {
            var value = Clean(reader.Get(ordinal));
            if (value.Length > 0)
            {
                extraCells ??= new Dictionary<string, string>(StringComparer.Ordinal);
                extraCells[name] = value.Length > maxCellChars ? value[..maxCellChars] : value;
            }
        }

        if (layout.IsExplorer)
        {
            DeriveExplorerIdentity(row, cells, problems);
            if (problems.Count > 0)
            {
                return null;
            }
        }

        id = Normalized(cells.Get(SheetColumns.CommitmentId));
        actionPlanId = Normalized(cells.Get(SheetColumns.ActionPlanId));
        var code = Normalized(cells.Get(SheetColumns.MemberCode));
        Require(row, SheetColumns.CommitmentId, id, CommitmentIdPattern(), "an OGP commitment id: 2 to 40 letters, digits, '.', '_' or '-' (e.g. UK0098)", problems);
        Require(row, SheetColumns.MemberCode, code, MemberCodePattern(), "a member code: 3 letters (ISO alpha-3) or 4 for a local member", problems);
        Require(row, SheetColumns.ActionPlanId, actionPlanId, ActionPlanIdPattern(), "an action plan id: 3 to 40 letters, digits, '_' or '-' (e.g. AP_GBR05)", problems);
        if (cells.Get(SheetColumns.Title) is null && !HasProblem(problems, SheetColumns.Title))
        {
            problems.Add(new RowProblem(row, SheetColumns.Title, null, "The commitment title is required."));
        }

        if (cells.Get(SheetColumns.MemberName) is null && !HasProblem(problems, SheetColumns.MemberName))
        {
            problems.Add(new RowProblem(row, SheetColumns.MemberName, null, "The member's name is required."));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        // Keys are stored upper case so SQLite (case-sensitive) and SQL Server (case-insensitive) agree.
        cells.Set(SheetColumns.CommitmentId, id!);
        cells.Set(SheetColumns.MemberCode, code!);
        cells.Set(SheetColumns.ActionPlanId, actionPlanId!);
        return new ImportedRow(row, id!, code!, cells[SheetColumns.MemberName].Trim(), actionPlanId!, cells, extraCells);
    }

    /// <summary>The Explorer has no ids: member from the country's name, plan and commitment ids from their numbers (docs/imports.md).</summary>
    private void DeriveExplorerIdentity(int row, SheetCells cells, List<RowProblem> problems)
    {
        var country = cells.Get(SheetColumns.MemberName)?.Trim();
        var code = country is null ? null : members.CodeOf(country);
        if (country is not null && code is null)
        {
            problems.Add(new RowProblem(row, "Country", country, "Unknown country: import OGP's commitment sheet first (it names every member), or use the member's OGP name."));
            return;
        }

        var number = cells.Integer(SheetColumns.ActionPlanNumber);
        var commitmentNumber = cells.Get(SheetColumns.CommitmentNumber)?.Trim();
        if (code is null || number is not (>= 1 and <= 99) || commitmentNumber is null)
        {
            if (number is not (>= 1 and <= 99))
            {
                problems.Add(new RowProblem(row, "Action Plan Number", cells.Get(SheetColumns.ActionPlanNumber), "A plan number from 1 to 99 is required."));
            }

            if (commitmentNumber is null)
            {
                problems.Add(new RowProblem(row, "Comm No", null, "The commitment number is required."));
            }

            return;
        }

        cells.Set(SheetColumns.MemberCode, code);
        cells.Set(SheetColumns.ActionPlanId, string.Create(CultureInfo.InvariantCulture, $"AP_{code}{number:00}"));
        cells.Set(SheetColumns.CommitmentId, string.Create(CultureInfo.InvariantCulture, $"EX-{code}-{number:00}-{NotIdCharacters().Replace(commitmentNumber.ToUpperInvariant(), "-").Trim('-')}"));
    }

    private static void Require(int row, string column, string? value, Regex pattern, string expected, List<RowProblem> problems)
    {
        if ((value is null || !pattern.IsMatch(value)) && !HasProblem(problems, column))
        {
            problems.Add(new RowProblem(row, column, value, $"The cell must hold {expected}."));
        }
    }

    /// <summary>A cell already reported (too long, say) is not reported again as missing.</summary>
    private static bool HasProblem(List<RowProblem> problems, string column) => problems.Exists(p => p.Column == column);

    private static string? Normalized(string? value) => value?.Trim().ToUpperInvariant();

    // The guard comes off before line endings are normalised: an exported "'\r=…" must lose its apostrophe, not become "'\n=…".
    private static string Clean(string raw) => raw.Length == 0 ? raw : raw[0] == '\'' || raw.Contains('\r', StringComparison.Ordinal) ? Cells.Normalize(FormulaGuard.Restore(raw)) : raw;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]{1,39}$")]
    private static partial Regex CommitmentIdPattern();

    [GeneratedRegex("^[A-Z]{3,4}$")]
    private static partial Regex MemberCodePattern();

    [GeneratedRegex("^[A-Z0-9_-]{3,40}$")]
    private static partial Regex ActionPlanIdPattern();

    [GeneratedRegex("[^A-Z0-9.]+")]
    private static partial Regex NotIdCharacters();
}
