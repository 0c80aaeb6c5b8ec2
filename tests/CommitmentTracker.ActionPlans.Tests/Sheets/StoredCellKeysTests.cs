using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Testing;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

/// <summary>
/// Stored cells are keyed by their column's position in <see cref="SheetColumns.All"/> (issue 21), so the list may only
/// grow at its end. <c>stored-cell-columns.txt</c> is the list as it stands; a column moved, renamed or removed would make
/// every stored row read as other columns.
/// </summary>
public sealed class StoredCellKeysTests
{
    [Fact]
    public async Task The_known_columns_keep_their_positions()
    {
        var path = Path.Combine(Repository.Root, "tests", "CommitmentTracker.ActionPlans.Tests", "Sheets", "stored-cell-columns.txt");
        var stored = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Where(line => line.Length > 0).ToList();
        var known = SheetColumns.All.Select(c => c.Name).ToList();

        for (var ordinal = 0; ordinal < Math.Min(stored.Count, known.Count); ordinal++)
        {
            Assert.True(stored[ordinal] == known[ordinal],
                $"SheetColumns.All[{ordinal}] is '{known[ordinal]}', but stored cells key '{stored[ordinal]}' by {ordinal}. Put columns back in their places; add new ones at the end.");
        }

        // Rows stored before issue 21 are keyed by name: a name of digits alone would read as a position.
        Assert.DoesNotContain(known, name => name.All(char.IsAsciiDigit));
        Assert.True(known.Count >= stored.Count, $"SheetColumns.All lost {stored.Count - known.Count} column(s) from its end; stored cells still key them by position.");
        Assert.True(known.Count == stored.Count, $"New column(s) at the end of SheetColumns.All: add {string.Join(", ", known.Skip(stored.Count).Select(n => $"'{n}'"))} at the end of {path}.");
    }
}
