using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.ActionPlans.Tests.Importing;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

/// <summary>
/// The stored cells and the two hashes are written from per-thread buffers reused row after row (issue 21). Stored
/// values must not move: a different hash would make every stored commitment look changed to the next import, and
/// stored cells must read back as the row's cells, in the form written now (keyed by column position) and in the form
/// rows stored before still hold (keyed by column name). These tests hold them to forms written one row at a time.
/// </summary>
public sealed class CommitmentCellsTests
{
    [Fact]
    public async Task Every_real_row_is_stored_and_hashed_as_before_whatever_row_came_first()
    {
        var rows = await RealRowsAsync();
        Assert.Equal(20, rows.Count);
        // Forward, backward, and after a row far larger than any other, which the reused buffers must not carry over.
        var huge = new Dictionary<string, string>(rows[0].Cells, StringComparer.Ordinal) { [SheetColumns.Title] = new string('x', 1_200_000) };
        var sequence = rows.Concat(Enumerable.Reverse(rows)).Append((huge, null)).Concat(rows).ToList();

        foreach (var (cells, extra) in sequence)
        {
            Assert.Equal(StoredOneByOne(cells, byName: false), CommitmentCells.SerializeStored(cells));
            var (content, full) = CommitmentCells.Hashes(cells, extra);
            Assert.Equal(HashAsBefore(cells, SheetColumns.All.Where(c => c.CountsAsChange), null), content);
            Assert.Equal(HashAsBefore(cells, SheetColumns.All, extra), full);
            Assert.Equal(content, CommitmentCells.ContentHash(cells));
            Assert.Equal(full, CommitmentCells.FullHash(cells, extra));
        }
    }

    [Fact]
    public void A_cell_moving_to_the_next_column_changes_both_hashes()
    {
        var before = new Dictionary<string, string> { [SheetColumns.Title] = "ab", [SheetColumns.ShortTitle] = string.Empty };
        var after = new Dictionary<string, string> { [SheetColumns.Title] = "a", [SheetColumns.ShortTitle] = "b" };

        Assert.NotEqual(CommitmentCells.Hashes(before, null).Content, CommitmentCells.Hashes(after, null).Content);
        Assert.NotEqual(CommitmentCells.Hashes(before, null).Full, CommitmentCells.Hashes(after, null).Full);
    }

    [Fact]
    public async Task A_row_in_column_order_is_stored_hashed_and_read_as_the_same_cells_in_a_dictionary()
    {
        foreach (var (cells, extra) in await RealRowsAsync())
        {
            var row = new SheetCells();
            foreach (var (name, value) in cells)
            {
                row.Set(SheetColumns.OrdinalOf(name), value);
            }

            Assert.Equal(cells.ToList(), row.ToList());
            Assert.Equal(CommitmentCells.SerializeStored(cells), CommitmentCells.SerializeStored(row));
            var (content, full) = CommitmentCells.Hashes(cells, extra);
            Assert.Equal(content, CommitmentCells.Hashes(row, extra).Content);
            Assert.Equal(full, CommitmentCells.Hashes(row, extra).Full);
            Assert.Equal(CommitmentCells.PolicyAreas(cells), CommitmentCells.PolicyAreas(row));
            Assert.Equal(CommitmentCells.LatestCompletion(cells), CommitmentCells.LatestCompletion(row));
            Assert.Equal(JsonSerializer.Serialize(CommitmentCells.Snapshot(cells)), JsonSerializer.Serialize(CommitmentCells.Snapshot(row)));
            Assert.Equal(CommitmentCells.Diff(cells, cells), CommitmentCells.Diff(row, cells));
        }
    }

    [Fact]
    public void A_row_enumerates_its_cells_as_a_dictionary_filled_the_same_way_would()
    {
        var row = new SheetCells();
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { (SheetColumns.Title, "t"), (SheetColumns.CommitmentId, "uk0098"), (SheetColumns.Url, "u"), (SheetColumns.CommitmentId, "UK0098") })
        {
            row.Set(name, value);
            dictionary[name] = value;
        }

        Assert.Equal(dictionary.ToList(), row.ToList());
        Assert.Equal(3, row.Count);
        Assert.Equal("UK0098", row[SheetColumns.CommitmentId]);
        Assert.False(row.TryGetValue(SheetColumns.ShortTitle, out _));
        Assert.False(row.ContainsKey("commitment title"));
        Assert.Throws<KeyNotFoundException>(() => row[SheetColumns.ShortTitle]);
        Assert.Throws<ArgumentException>(() => row.Set("Not a column", "x"));
    }

    [Fact]
    public async Task Stored_cells_read_back_as_the_row_keyed_by_position_or_by_name()
    {
        foreach (var (cells, _) in await RealRowsAsync())
        {
            var fullText = cells.GetValueOrDefault(SheetColumns.FullText);
            var expected = cells.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, CommitmentCells.ReadStored(CommitmentCells.SerializeStored(cells), fullText).OrderBy(c => c.Key, StringComparer.Ordinal));
            Assert.Equal(expected, CommitmentCells.ReadStored(StoredOneByOne(cells, byName: true), fullText).OrderBy(c => c.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_cell_is_stored_under_its_column_s_position_and_a_column_outside_the_known_ones_under_its_name()
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SheetColumns.Title] = "Open \"contracts\"",
            [SheetColumns.CommitmentId] = "UK0098",
            [SheetColumns.FullText] = "stored in its own column",
            ["Not a column"] = "kept",
        };

        var stored = CommitmentCells.SerializeStored(cells);

        var title = CommitmentCells.StoredKeyOf(SheetColumns.Title);
        Assert.Equal($$"""{"{{title}}":"Open \"contracts\"","0":"UK0098","Not a column":"kept"}""", stored);
        Assert.Equal(SheetColumns.OrdinalOf(SheetColumns.Title).ToString(System.Globalization.CultureInfo.InvariantCulture), title);
        Assert.Equal(cells, CommitmentCells.ReadStored(stored, "stored in its own column"));
        Assert.Throws<ArgumentException>(() => CommitmentCells.StoredKeyOf("Not a column"));
    }

    /// <summary>The sample's rows as an import reads them (non-empty cells by column name), some with an unknown column.</summary>
    private static async Task<List<(Dictionary<string, string> Cells, Dictionary<string, string>? Extra)>> RealRowsAsync()
    {
        var sheet = await SampleSheet.LoadAsync();
        return [.. sheet.Rows.Select((row, i) => (
            sheet.Header.Zip(row).Where(c => c.Second.Length > 0).ToDictionary(c => c.First, c => c.Second, StringComparer.Ordinal),
            i % 3 == 0 ? new Dictionary<string, string>(StringComparer.Ordinal) { ["Zeta note"] = $"z{i}", ["Alpha note"] = "a" } : null))];
    }

    /// <summary>
    /// The stored form written with a fresh writer over a MemoryStream: keyed by the column's position in
    /// <see cref="SheetColumns.All"/>, or (<paramref name="byName"/>) by its name, as rows were stored before issue 21.
    /// </summary>
    private static string StoredOneByOne(IReadOnlyDictionary<string, string> cells, bool byName)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in cells)
            {
                if (name != SheetColumns.FullText)
                {
                    var ordinal = SheetColumns.OrdinalOf(name);
                    writer.WriteString(byName || ordinal < 0 ? name : ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The hash as it was computed before: each cell's UTF-16 bytes and a separator appended one by one.</summary>
    private static byte[] HashAsBefore(IReadOnlyDictionary<string, string> cells, IEnumerable<SheetColumn> columns, IReadOnlyDictionary<string, string>? extra)
    {
        var hash = new XxHash128();
        void Append(string? value)
        {
            hash.Append(MemoryMarshal.AsBytes((value ?? string.Empty).AsSpan()));
            hash.Append([0xFF, 0xFF]);
        }

        foreach (var column in columns)
        {
            Append(cells.GetValueOrDefault(column.Name));
        }

        foreach (var (name, value) in (extra ?? new Dictionary<string, string>()).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Append(name);
            Append(value);
        }

        return hash.GetCurrentHash();
    }
}
