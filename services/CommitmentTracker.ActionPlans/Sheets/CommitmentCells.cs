using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// A commitment's cells by sheet column name (empty cells are absent), and what is derived from them: hashes, the
/// promoted query columns, the field-level diff and the snapshot other services receive.
/// </summary>
internal static class CommitmentCells
{
    // Cells are stored, never embedded in HTML: relaxed escaping keeps them compact and quick to write.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly SheetColumn[] Meaningful = [.. SheetColumns.All.Where(c => c.CountsAsChange)];
    private static readonly string[] PolicyAreaColumns = [.. SheetColumns.PolicyAreas.Select(c => c.Name)];
    private static readonly int[] PolicyAreaOrdinals = [.. PolicyAreaColumns.Select(SheetColumns.OrdinalOf)];
    private static readonly Dictionary<string, string> SlugByName = SheetColumns.PolicyAreas.ToDictionary(c => c.Name, c => Slug(c.Name));
    private static readonly Dictionary<string, string> NameBySlug = SheetColumns.PolicyAreas.ToDictionary(c => Slug(c.Name), c => c.Name);

    // A stored cell is keyed by its column's position in SheetColumns.All, which is why that list only grows at its end.
    private static readonly JsonEncodedText[] StoredKeys = [.. SheetColumns.All.Select((_, ordinal) => JsonEncodedText.Encode(ordinal.ToString(CultureInfo.InvariantCulture)))];
    private static readonly int FullTextOrdinal = SheetColumns.OrdinalOf(SheetColumns.FullText);

    // Scratch buffers per thread (see SerializeStored and Hashes); one larger than this is let go after use.
    private const int MaxKeptScratchBytes = 1 << 20;
    [ThreadStatic] private static ArrayBufferWriter<byte>? storedBuffer;
    [ThreadStatic] private static Utf8JsonWriter? storedWriter;
    [ThreadStatic] private static ArrayBufferWriter<byte>? contentBytes;
    [ThreadStatic] private static ArrayBufferWriter<byte>? fullBytes;

    public static string Serialize(IReadOnlyDictionary<string, string> cells) => JsonSerializer.Serialize(cells, Json);

    public static Dictionary<string, string> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];

    /// <summary>
    /// The stored form of a commitment's cells: every cell but the full text, which has its own column (stored once), in
    /// a JSON object keyed by the column's position in <see cref="SheetColumns.All"/> ("0" for the commitment's id). Keyed
    /// by name, as rows stored before issue 21 still are (<see cref="ReadStored"/> reads both), the names were three
    /// quarters of the stored cells: 97 MB of a 20,000-row sheet's 294 MB database, 23 MB without them.
    /// </summary>
    public static string SerializeStored(IReadOnlyDictionary<string, string> cells)
    {
        // One writer and buffer per thread, reused row after row: an import serialises thousands of rows of several KB.
        var buffer = storedBuffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = storedWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        if (cells is SheetCells row)
        {
            // The row's own positions: no boxing, no lookups.
            foreach (var ordinal in row.SetOrdinals)
            {
                if (ordinal != FullTextOrdinal)
                {
                    writer.WriteString(StoredKeys[ordinal], row[ordinal]);
                }
            }
        }
        else
        {
            foreach (var (name, value) in cells)
            {
                if (name != SheetColumns.FullText)
                {
                    WriteStoredCell(writer, name, value);
                }
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptScratchBytes)
        {
            // A rare huge row does not keep its buffer for the thread's lifetime.
            (storedBuffer, storedWriter) = (null, null);
        }

        return json;
    }

    /// <summary>A cell as <see cref="SerializeStored"/> writes it: keyed by its column's position (by its name outside the known columns).</summary>
    private static void WriteStoredCell(Utf8JsonWriter writer, string name, string value)
    {
        var ordinal = SheetColumns.OrdinalOf(name);
        if (ordinal >= 0)
        {
            writer.WriteString(StoredKeys[ordinal], value);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>How <paramref name="column"/>'s cell is keyed in the stored form (<see cref="SerializeStored"/>).</summary>
    public static string StoredKeyOf(string column) =>
        SheetColumns.OrdinalOf(column) is var ordinal and >= 0 ? StoredKeys[ordinal].Value : throw new ArgumentException($"'{column}' is not a known column.", nameof(column));

    /// <summary>
    /// A commitment's cells from their stored form and its full-text column, by column name. Reads cells keyed by
    /// position (<see cref="SerializeStored"/>) and cells keyed by name (rows stored before issue 21, until they change).
    /// </summary>
    public static Dictionary<string, string> ReadStored(string cellsJson, string? fullText)
    {
        var cells = Deserialize(cellsJson);
        if (cells.Keys.Any(IsStoredKey))
        {
            cells = cells.ToDictionary(cell => IsStoredKey(cell.Key) ? SheetColumns.All[int.Parse(cell.Key, NumberStyles.None, CultureInfo.InvariantCulture)].Name : cell.Key, cell => cell.Value);
        }

        if (!string.IsNullOrEmpty(fullText))
        {
            cells[SheetColumns.FullText] = fullText;
        }

        return cells;
    }

    /// <summary>A key written by position: digits only (no column is named so), within <see cref="SheetColumns.All"/>.</summary>
    private static bool IsStoredKey(string key) =>
        key.Length is > 0 and < 6 && key.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
        && int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture) < SheetColumns.All.Count;

    public static string? Get(this IReadOnlyDictionary<string, string> cells, string column) =>
        cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    /// <summary>Hash of the columns that count as a change, in the sheet's fixed column order.</summary>
    public static byte[] ContentHash(IReadOnlyDictionary<string, string> cells) => Hashes(cells, extra: null).Content;

    /// <summary>Hash of every cell, housekeeping and extra columns included.</summary>
    public static byte[] FullHash(IReadOnlyDictionary<string, string> cells, IReadOnlyDictionary<string, string>? extra) => Hashes(cells, extra).Full;

    /// <summary>
    /// <see cref="ContentHash"/> and <see cref="FullHash"/> in one pass over the cells. Each hash is XXH128 of its cells'
    /// UTF-16 bytes, each followed by a separator, gathered in a buffer and hashed once (the same value as appending
    /// them one by one: XXH128 of the same bytes).
    /// </summary>
    public static (byte[] Content, byte[] Full) Hashes(IReadOnlyDictionary<string, string> cells, IReadOnlyDictionary<string, string>? extra)
    {
        var content = contentBytes ??= new ArrayBufferWriter<byte>(16 * 1024);
        var full = fullBytes ??= new ArrayBufferWriter<byte>(16 * 1024);
        content.ResetWrittenCount();
        full.ResetWrittenCount();
        var row = cells as SheetCells;
        for (var i = 0; i < SheetColumns.All.Count; i++)
        {
            var column = SheetColumns.All[i];
            var value = row is not null ? row[i] : cells.GetValueOrDefault(column.Name);
            Append(full, value);
            if (column.CountsAsChange)
            {
                Append(content, value);
            }
        }

        if (extra is not null)
        {
            foreach (var (name, value) in extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Append(full, name);
                Append(full, value);
            }
        }

        var hashes = (XxHash128.Hash(content.WrittenSpan), XxHash128.Hash(full.WrittenSpan));
        if (full.Capacity > MaxKeptScratchBytes)
        {
            (contentBytes, fullBytes) = (null, null);
        }

        return hashes;
    }

    private static void Append(ArrayBufferWriter<byte> bytes, string? value)
    {
        var text = MemoryMarshal.AsBytes((value ?? string.Empty).AsSpan());
        var span = bytes.GetSpan(text.Length + 2);
        text.CopyTo(span);
        // A separator no cell can contain keeps ("ab", "") and ("a", "b") apart.
        span[text.Length] = 0xFF;
        span[text.Length + 1] = 0xFF;
        bytes.Advance(text.Length + 2);
    }

    /// <summary>Every meaningful column whose value differs, before and after (null for an empty cell).</summary>
    public static List<FieldChange> Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changes = new List<FieldChange>();
        foreach (var column in Meaningful)
        {
            var old = before.Get(column.Name);
            var now = after.Get(column.Name);
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(column.Name, old, now));
            }
        }

        return changes;
    }

    /// <summary>Names of the policy areas flagged 1.</summary>
    public static List<string> PolicyAreas(IReadOnlyDictionary<string, string> cells)
    {
        var areas = new List<string>();
        var row = cells as SheetCells;
        for (var i = 0; i < PolicyAreaColumns.Length; i++)
        {
            var value = row is not null ? row[PolicyAreaOrdinals[i]] : cells.GetValueOrDefault(PolicyAreaColumns[i]);
            if (value is not null && value.AsSpan().Trim() is "1")
            {
                areas.Add(PolicyAreaColumns[i]);
            }
        }

        return areas;
    }

    /// <summary>The promoted filter column: each flagged area's slug between bars.</summary>
    public static string PolicyAreaSlugs(IEnumerable<string> policyAreas) =>
        "|" + string.Concat(policyAreas.Select(name => SlugByName[name] + "|"));

    /// <summary>Sheet names of the slugs in a promoted <c>|slug|slug|</c> value.</summary>
    public static List<string> PolicyAreaNames(string slugs) =>
        [.. slugs.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(slug => NameBySlug.GetValueOrDefault(slug, slug))];

    /// <summary>The policy area a filter names, by sheet name or slug (<c>Open Contracting</c> or <c>open-contracting</c>), or null.</summary>
    public static string? PolicyAreaSlug(string nameOrSlug)
    {
        var slug = Slug(nameOrSlug);
        return NameBySlug.ContainsKey(slug) ? slug : null;
    }

    /// <summary>The latest IRM completion: end of term when assessed, else the progress report's, else the state; lower case.</summary>
    public static string? LatestCompletion(IReadOnlyDictionary<string, string> cells)
    {
        var endOfTerm = cells.Get(SheetColumns.CompletionEndOfTerm);
        var progress = cells.Get(SheetColumns.CompletionProgressReport);
        var latest = Cells.StateOf(endOfTerm) == CellState.Value ? endOfTerm
            : Cells.StateOf(progress) == CellState.Value ? progress
            : endOfTerm ?? progress;
        return latest?.Trim().ToLowerInvariant();
    }

    public static int? Integer(this IReadOnlyDictionary<string, string> cells, string column) =>
        int.TryParse(cells.Get(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static CommitmentSnapshot Snapshot(IReadOnlyDictionary<string, string> cells, IReadOnlyList<string>? policyAreas = null) => new()
    {
        Title = cells.Get(SheetColumns.Title) ?? string.Empty,
        ShortTitle = cells.Get(SheetColumns.ShortTitle),
        FullText = cells.Get(SheetColumns.FullText),
        Theme = cells.Get(SheetColumns.Theme),
        LeadInstitution = cells.Get(SheetColumns.LeadInstitution),
        SupportingInstitutions = cells.Get(SheetColumns.SupportingInstitutions),
        MemberName = cells.Get(SheetColumns.MemberName),
        Region = cells.Get(SheetColumns.Region),
        ActionPlanNumber = cells.Integer(SheetColumns.ActionPlanNumber),
        SubmissionYear = cells.Integer(SheetColumns.SubmissionYear),
        EndYear = cells.Integer(SheetColumns.EndYear),
        PolicyAreas = policyAreas ?? PolicyAreas(cells),
        PotentialImpact = cells.Get(SheetColumns.PotentialImpact),
        PotentialForResults = cells.Get(SheetColumns.PotentialForResults),
        CompletionProgressReport = cells.Get(SheetColumns.CompletionProgressReport),
        CompletionEndOfTerm = cells.Get(SheetColumns.CompletionEndOfTerm),
        EarlyResults = cells.Get(SheetColumns.EarlyResults),
        DidItOpenGovernment = cells.Get(SheetColumns.DidItOpenGovernment),
        Url = cells.Get(SheetColumns.Url),
    };

    /// <summary>Lower case, letters and digits kept, every other run of characters one dash: <c>Open Data (Health)</c> → <c>open-data-health</c>.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
