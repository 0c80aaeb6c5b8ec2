using System.Diagnostics.CodeAnalysis;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// One row's known cells in an array indexed by the column's position in <see cref="SheetColumns.All"/> (empty cells
/// absent), enumerated in the order they were first set, as a dictionary filled the same way would be. An import
/// reads thousands of rows of ~170 columns: a dictionary per row, and a hash lookup for every column each hash and
/// check visits, were a good part of its parsing.
/// </summary>
internal sealed class SheetCells : IReadOnlyDictionary<string, string>
{
    private readonly string?[] values = new string?[SheetColumns.All.Count];
    private readonly int[] order = new int[SheetColumns.All.Count];

    public int Count { get; private set; }

    /// <summary>The set cells' positions in <see cref="SheetColumns.All"/>, in the order they were first set.</summary>
    public ReadOnlySpan<int> SetOrdinals => order.AsSpan(0, Count);

    /// <summary>The cell of the column at <paramref name="ordinal"/> in <see cref="SheetColumns.All"/>, or null when empty.</summary>
    public string? this[int ordinal] => values[ordinal];

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No cell '{key}'.");

    public IEnumerable<string> Keys => this.Select(cell => cell.Key);

    public IEnumerable<string> Values => this.Select(cell => cell.Value);

    /// <summary>Sets a non-empty cell; a column set for the first time comes last in the enumeration, a column set again keeps its place.</summary>
    public void Set(int ordinal, string value)
    {
        if (values[ordinal] is null)
        {
            order[Count++] = ordinal;
        }

        values[ordinal] = value;
    }

    /// <summary>Sets a non-empty cell by its column's name (a known column).</summary>
    public void Set(string column, string value) =>
        Set(SheetColumns.OrdinalOf(column) is var ordinal and >= 0 ? ordinal : throw new ArgumentException($"'{column}' is not a known column.", nameof(column)), value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var ordinal = SheetColumns.OrdinalOf(key);
        value = ordinal >= 0 ? values[ordinal] : null;
        return value is not null;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The set cells in the order they were first set.</summary>
    public struct Enumerator(SheetCells cells) : IEnumerator<KeyValuePair<string, string>>
    {
        private int index = -1;

        public readonly KeyValuePair<string, string> Current
        {
            get
            {
                var ordinal = cells.order[index];
                return new(SheetColumns.All[ordinal].Name, cells.values[ordinal]!);
            }
        }

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext() => ++index < cells.Count;

        public void Reset() => index = -1;

        public readonly void Dispose()
        {
        }
    }
}
