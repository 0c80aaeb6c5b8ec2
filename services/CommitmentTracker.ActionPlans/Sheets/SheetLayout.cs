namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// How a file's header maps onto the sheet's columns: OGP's commitment sheet (matched by name, any order), or OGP's
/// archival Explorer CSV (10 columns, no ids; see docs/imports.md for how ids are derived).
/// </summary>
internal sealed class SheetLayout
{
    public const string OgpSheet = "ogp-sheet";
    public const string OgpExplorer = "ogp-explorer";

    /// <summary>The Explorer's columns and the sheet columns they fill.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ExplorerColumns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Country"] = SheetColumns.MemberName,
        ["Action Plan Number"] = SheetColumns.ActionPlanNumber,
        ["Theme"] = SheetColumns.Theme,
        ["Comm No"] = SheetColumns.CommitmentNumber,
        ["Commitment Title"] = SheetColumns.Title,
        ["Full Text"] = SheetColumns.FullText,
        ["Start Date"] = SheetColumns.StartDate,
        ["End Date"] = SheetColumns.EndDate,
        ["Lead Institution"] = SheetColumns.LeadInstitution,
        ["Supporting Institution(s)"] = SheetColumns.SupportingInstitutions,
    };

    private SheetLayout(string name, IReadOnlyList<(int Ordinal, SheetColumn Column)> known, IReadOnlyList<(int Ordinal, string Name)> unknown)
    {
        Name = name;
        Known = known;
        Unknown = unknown;
        var present = known.Select(k => k.Column.Name).ToHashSet(StringComparer.Ordinal);
        HasEveryColumn = SheetColumns.All.All(c => present.Contains(c.Name));
    }

    /// <summary><see cref="OgpSheet"/> or <see cref="OgpExplorer"/>.</summary>
    public string Name { get; }

    public bool IsExplorer => Name == OgpExplorer;

    /// <summary>File ordinal → the sheet column it fills.</summary>
    public IReadOnlyList<(int Ordinal, SheetColumn Column)> Known { get; }

    /// <summary>Columns outside the sheet's definition: kept and reported, not fatal.</summary>
    public IReadOnlyList<(int Ordinal, string Name)> Unknown { get; }

    /// <summary>True when the file carries all 171 columns, so a row's cells are complete without the stored ones.</summary>
    public bool HasEveryColumn { get; }

    /// <summary>The layout of <paramref name="header"/>, or the reason the file is rejected (missing or duplicate columns).</summary>
    public static SheetLayout? TryCreate(IReadOnlyList<string> header, out string? problem)
    {
        var names = header.Select(h => h.Trim()).ToList();
        while (names.Count > 0 && names[^1].Length == 0)
        {
            names.RemoveAt(names.Count - 1);
        }

        var duplicates = names.Where(n => n.Length > 0).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            problem = $"The header repeats column(s): {string.Join(", ", duplicates.Select(d => $"'{d}'"))}.";
            return null;
        }

        var isExplorer = !names.Contains(SheetColumns.CommitmentId, StringComparer.OrdinalIgnoreCase)
            && names.Contains("Comm No", StringComparer.OrdinalIgnoreCase);
        var known = new List<(int, SheetColumn)>();
        var unknown = new List<(int, string)>();
        for (var i = 0; i < names.Count; i++)
        {
            var column = isExplorer
                ? ExplorerColumns.TryGetValue(names[i], out var mapped) ? SheetColumns.Find(mapped) : null
                : SheetColumns.Find(names[i]);
            if (column is not null)
            {
                known.Add((i, column));
            }
            else
            {
                unknown.Add((i, names[i].Length == 0 ? $"(column {i + 1} without a name)" : names[i]));
            }
        }

        var required = isExplorer ? ["Country", "Action Plan Number", "Comm No", "Commitment Title"] : SheetColumns.Required;
        var present = isExplorer ? names : known.Select(k => k.Item2.Name);
        var missing = required.Where(r => !present.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            problem = $"The header lacks required column(s): {string.Join(", ", missing.Select(m => $"'{m}'"))}. " +
                "Expected OGP's commitment sheet (with 'Commitment Unique Identifier') or OGP's Explorer CSV (with 'Comm No').";
            return null;
        }

        problem = null;
        return new SheetLayout(isExplorer ? OgpExplorer : OgpSheet, known, unknown);
    }
}
