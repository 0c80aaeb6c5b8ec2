using System.Globalization;
using System.Text;
using System.Xml;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Streams the first worksheet of an XLSX workbook with an XML reader over each part: cells are read as the text a CSV
/// export of the sheet would hold (numbers invariant, booleans <c>TRUE</c>/<c>FALSE</c>, date-formatted numbers
/// <c>M/d/yyyy</c>).
/// </summary>
/// <remarks>
/// Memory stays bounded whatever the file holds (<see cref="SheetLimits"/>): text is read in chunks and a cell is cut one
/// character past the cell limit (its row is then rejected); only the shared string table (capped in entries and
/// characters) and the small style table are kept. Any other failure to read the package or its XML becomes an
/// <see cref="InvalidDataException"/> in our words, which rejects the import.
/// </remarks>
internal sealed class XlsxSheetReader : ISheetReader
{
    /// <summary>Excel's last column (XFD): cell references beyond it are malformed.</summary>
    private const int MaxColumns = 16384;

    /// <summary>Excel's own limit on cell formats; a style table larger than this is not a real workbook's.</summary>
    private const int MaxStyles = 65_536;

    /// <summary>More relationships than any workbook has; the map is kept while the workbook is opened.</summary>
    private const int MaxRelationships = 10_000;

    private readonly XlsxPackage package;
    private readonly XmlReader reader;
    private readonly List<string> sharedStrings;
    private readonly bool[] dateStyles;
    private readonly bool date1904;
    private readonly int keepChars;
    private readonly StringBuilder text = new();
    private readonly char[] chunk = new char[8192];
    private string?[] cells = new string?[256];
    private int cellCount;
    private int lastRow;

    private XlsxSheetReader(XlsxPackage package, XmlReader reader, List<string> sharedStrings, bool[] dateStyles, bool date1904, SheetLimits limits)
    {
        this.package = package;
        this.reader = reader;
        this.sharedStrings = sharedStrings;
        this.dateStyles = dateStyles;
        this.date1904 = date1904;
        keepChars = limits.MaxCellChars + 1;
    }

    public IReadOnlyList<string> Header { get; private set; } = [];

    public int RowNumber { get; private set; } = 1;

    public int CellCount => cellCount;

    /// <summary>Opens the workbook and reads the header (the first non-empty row). The reader owns <paramref name="stream"/>.</summary>
    public static XlsxSheetReader Open(Stream stream, SheetLimits? limits = null)
    {
        limits ??= SheetLimits.Default;
        XlsxPackage? package = null;
        XmlReader? sheet = null;
        var opened = false;
        try
        {
            package = XlsxPackage.Open(stream, limits);
            var workbookPath = OfficeDocumentPath(package) ?? throw UnreadableSheet.Because("The file is a zip package but not an Excel workbook.");
            var relationships = ReadRelationships(package, workbookPath);
            var (worksheetPath, date1904) = FirstWorksheet(package, workbookPath, relationships);
            var sharedStrings = relationships.Values.FirstOrDefault(r => r.Type == "sharedStrings") is { } shared
                ? LoadSharedStrings(package, shared.Path, limits)
                : [];
            var dateStyles = relationships.Values.FirstOrDefault(r => r.Type == "styles") is { } styles ? LoadDateStyles(package, styles.Path) : [];
            sheet = package.Read(worksheetPath)!;
            var result = new XlsxSheetReader(package, sheet, sharedStrings, dateStyles, date1904, limits);
            if (result.MoveToNextRow())
            {
                var header = new string[result.cellCount];
                for (var i = 0; i < header.Length; i++)
                {
                    header[i] = result.Get(i);
                }

                result.Header = header;
            }

            opened = true;
            return result;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw UnreadableSheet.Because($"The file is not a readable XLSX workbook: {Describe(e)}", e);
        }
        finally
        {
            if (!opened)
            {
                sheet?.Dispose();
                package?.Dispose();
                stream.Dispose();
            }
        }
    }

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(MoveToNextRow());
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw UnreadableSheet.Because($"The worksheet is not readable after row {RowNumber}: {Describe(e)}", e);
        }
    }

    public string Get(int ordinal) => ordinal < cellCount ? cells[ordinal] ?? string.Empty : string.Empty;

    public void Dispose()
    {
        reader.Dispose();
        package.Dispose();
    }

    /// <summary>What a corrupt zip, package or part throws: all of it means "not a workbook we can read". Our own words pass through.</summary>
    private static bool IsUnreadable(Exception e) =>
        !UnreadableSheet.IsOurs(e)
        && e is InvalidDataException or XmlException or FormatException or IOException or ArgumentException or InvalidOperationException or NotSupportedException;

    /// <summary>The reason in our words: the framework's messages name its settings and internals, not the file.</summary>
    private static string Describe(Exception e) => e switch
    {
        XmlException xml => $"its XML is malformed (line {xml.LineNumber}, position {xml.LinePosition}).",
        InvalidDataException or IOException => "the zip package is damaged.",
        _ => "its structure is not a workbook's.",
    };

    /// <summary>Reads rows up to the next one with a non-empty cell; false at the end of the sheet.</summary>
    private bool MoveToNextRow()
    {
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                continue;
            }

            var number = lastRow + 1;
            if (reader.GetAttribute("r") is { } attribute)
            {
                number = int.TryParse(attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                    ? r
                    : throw UnreadableSheet.Because($"Row {lastRow + 1} has a malformed row number '{Shorten(attribute)}'.");
            }

            lastRow = number;
            Array.Clear(cells, 0, cellCount);
            cellCount = 0;
            if (!reader.IsEmptyElement)
            {
                ReadCells();
            }

            if (cellCount > 0)
            {
                RowNumber = number;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the current row's cells, through its end tag.</summary>
    private void ReadCells()
    {
        var depth = reader.Depth;
        var next = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
            {
                next = ReadCell(next) + 1;
            }
        }
    }

    /// <summary>Reads one cell through its end tag and stores its text; returns its column (0-based).</summary>
    private int ReadCell(int next)
    {
        var column = reader.GetAttribute("r") is { Length: > 0 } reference ? ColumnOf(reference) : next;
        var type = reader.GetAttribute("t");
        _ = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style);
        string? value = null;
        string? inline = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    break;
                }

                if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "v":
                        value = ReadText(reader, text, chunk, keepChars);
                        break;
                    case "is":
                        inline = ReadStringItem(reader, text, chunk, keepChars);
                        break;
                    default:
                        // A formula (<f>) or extension: its text is read through and dropped, never held.
                        _ = ReadText(reader, text, chunk, 0);
                        break;
                }
            }
        }

        var cell = CellText(type, style, value, inline);
        if (!string.IsNullOrEmpty(cell))
        {
            if (column >= MaxColumns)
            {
                throw UnreadableSheet.Because($"Row {lastRow} has more than {MaxColumns} columns.");
            }

            if (column >= cells.Length)
            {
                Array.Resize(ref cells, Math.Min(MaxColumns, Math.Max(column + 1, cells.Length * 2)));
            }

            cells[column] = cell;
            cellCount = Math.Max(cellCount, column + 1);
        }

        return column;
    }

    private string? CellText(string? type, int style, string? value, string? inline) => type switch
    {
        "inlineStr" => inline ?? (value is null ? null : DecodeEscapes(value)),
        "s" => value is null ? null
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index]
            : throw UnreadableSheet.Because($"Row {lastRow} refers to shared string '{Shorten(value)}', which the workbook does not have."),
        "str" or "e" => value is null ? null : DecodeEscapes(value),
        "b" => value switch
        {
            "1" => "TRUE",
            "0" => "FALSE",
            _ => value,
        },
        "d" => value is not null && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
            ? date.ToString("M/d/yyyy", CultureInfo.InvariantCulture)
            : value,
        _ => value is null ? null : NumberText(value, style < dateStyles.Length && dateStyles[style]),
    };

    /// <summary>
    /// A number as Excel's General format shows it (15 significant digits, so no <c>2016.0</c> and no binary noise), or a
    /// date-formatted serial as <c>M/d/yyyy</c>, the way OGP's CSV writes dates.
    /// </summary>
    private string NumberText(string value, bool isDate)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return value;
        }

        if (isDate && DateOf(number) is { } date)
        {
            return date.ToString("M/d/yyyy", CultureInfo.InvariantCulture);
        }

        return number.ToString("G15", CultureInfo.InvariantCulture);
    }

    private DateTime? DateOf(double serial)
    {
        // Excel counts from 1900-01-01 as day 1 and keeps Lotus's fictitious 1900-02-29 (day 60); the 1904 system counts from 1904-01-01 as day 0.
        // Both end at 12/31/9999.
        if (serial < (date1904 ? 0 : 1) || serial >= (date1904 ? 2957004 : 2958466))
        {
            return null;
        }

        var days = Math.Floor(serial);
        return date1904 ? new DateTime(1904, 1, 1).AddDays(days)
            : days < 61 ? new DateTime(1899, 12, 31).AddDays(days)
            : new DateTime(1899, 12, 30).AddDays(days);
    }

    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>, the reader on its start): its runs concatenated,
    /// phonetic hints left out, at most <paramref name="keep"/> characters kept.
    /// </summary>
    private static string ReadStringItem(XmlReader reader, StringBuilder text, char[] chunk, int keep)
    {
        text.Clear();
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        var phonetic = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.Depth == depth)
                {
                    break;
                }

                if (reader.LocalName == "rPh")
                {
                    phonetic--;
                }
            }
            else if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
            {
                if (reader.LocalName == "rPh")
                {
                    phonetic++;
                }
                else if (reader.LocalName == "t")
                {
                    AppendText(reader, text, chunk, phonetic == 0 ? keep : 0);
                }
            }
        }

        return DecodeEscapes(text.ToString());
    }

    /// <summary>The text of the element the reader is on (through its end tag), at most <paramref name="keep"/> characters kept.</summary>
    private static string ReadText(XmlReader reader, StringBuilder text, char[] chunk, int keep)
    {
        text.Clear();
        if (!reader.IsEmptyElement)
        {
            AppendText(reader, text, chunk, keep);
        }

        return text.ToString();
    }

    /// <summary>
    /// Appends the text inside the current (non-empty) element, read in chunks so a gigabyte of text never sits in memory:
    /// beyond <paramref name="keep"/> characters in <paramref name="text"/> the rest is read and dropped.
    /// </summary>
    private static void AppendText(XmlReader reader, StringBuilder text, char[] chunk, int keep)
    {
        var depth = reader.Depth;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int read;
                    while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        if (text.Length < keep)
                        {
                            text.Append(chunk, 0, Math.Min(read, keep - text.Length));
                        }
                    }

                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return;
            }
        }
    }

    /// <summary>Where the package's main part (the workbook) is, from the package's relationships.</summary>
    private static string? OfficeDocumentPath(XlsxPackage package)
    {
        using var rels = package.Read("_rels/.rels");
        if (rels is null)
        {
            return null;
        }

        while (rels.Read())
        {
            if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship" && TypeName(rels.GetAttribute("Type")) == "officeDocument"
                && rels.GetAttribute("Target") is { } target && rels.GetAttribute("TargetMode") is null or "Internal")
            {
                return Resolve(string.Empty, target);
            }
        }

        return null;
    }

    /// <summary>A part's relationships by id: the type's last segment (the same in transitional and strict workbooks) and the resolved path.</summary>
    private static Dictionary<string, Relationship> ReadRelationships(XlsxPackage package, string partPath)
    {
        var folder = FolderOf(partPath);
        var result = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        using var rels = package.Read($"{folder}_rels/{partPath[folder.Length..]}.rels");
        while (rels?.Read() == true)
        {
            if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship" && rels.GetAttribute("TargetMode") is null or "Internal"
                && rels.GetAttribute("Id") is { } id && rels.GetAttribute("Target") is { } target)
            {
                if (result.Count == MaxRelationships)
                {
                    throw UnreadableSheet.Because($"The workbook has more than {MaxRelationships:N0} relationships, which no workbook needs.");
                }

                result[id] = new Relationship(TypeName(rels.GetAttribute("Type")), Resolve(folder, target));
            }
        }

        return result;
    }

    /// <summary>The first sheet in the workbook's order that is a worksheet (a chart sheet has no cells), and the date system.</summary>
    private static (string Path, bool Date1904) FirstWorksheet(XlsxPackage package, string workbookPath, Dictionary<string, Relationship> relationships)
    {
        using var workbook = package.Read(workbookPath) ?? throw UnreadableSheet.Because("The file is a zip package but not an Excel workbook.");
        var date1904 = false;
        while (workbook.Read())
        {
            if (workbook.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (workbook.LocalName == "workbookPr")
            {
                date1904 = workbook.GetAttribute("date1904") is "1" or "true";
            }
            else if (workbook.LocalName == "sheet" && RelationshipId(workbook) is { } id
                && relationships.TryGetValue(id, out var part) && part.Type == "worksheet" && package.Contains(part.Path))
            {
                return (part.Path, date1904);
            }
        }

        throw UnreadableSheet.Because("The workbook has no worksheet.");
    }

    /// <summary>The <c>r:id</c> attribute, whichever relationships namespace (transitional or strict) it is in.</summary>
    private static string? RelationshipId(XmlReader reader)
    {
        while (reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal))
            {
                var id = reader.Value;
                reader.MoveToElement();
                return id;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static string TypeName(string? type) => type is null ? string.Empty : type[(type.LastIndexOf('/') + 1)..];

    private static string FolderOf(string path) => path[..(path.LastIndexOf('/') + 1)];

    /// <summary>A relationship's target as a zip entry name: relative to the source's folder unless it starts with '/'.</summary>
    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target[1..] : folder + target).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                segments.Add(Uri.UnescapeDataString(segment));
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>
    /// The shared string table as plain strings. It is the one part held in memory (cells refer to it by index from anywhere
    /// in the sheet), so its entries and characters are capped; a string longer than a cell may be is kept cut, so the row
    /// that uses it is rejected.
    /// </summary>
    private static List<string> LoadSharedStrings(XlsxPackage package, string path, SheetLimits limits)
    {
        var strings = new List<string>();
        using var reader = package.Read(path);
        if (reader is null)
        {
            return strings;
        }

        var text = new StringBuilder();
        var chunk = new char[8192];
        long total = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                if (strings.Count == limits.MaxSharedStrings)
                {
                    throw UnreadableSheet.Because($"The workbook's shared string table has more than {limits.MaxSharedStrings:N0} entries, the most accepted.");
                }

                var item = ReadStringItem(reader, text, chunk, limits.MaxCellChars + 1);
                total += item.Length;
                if (total > limits.MaxSharedStringChars)
                {
                    throw UnreadableSheet.Because($"The workbook's shared strings hold more than {limits.MaxSharedStringChars:N0} characters, the most accepted.");
                }

                strings.Add(item.Length == 0 ? string.Empty : item);
            }
        }

        return strings;
    }

    /// <summary>Which cell formats (by index, as cells' <c>s</c> attribute) show a number as a date.</summary>
    private static bool[] LoadDateStyles(XlsxPackage package, string path)
    {
        using var reader = package.Read(path);
        var custom = new Dictionary<uint, string>();
        var formats = new List<uint>();
        var inCellFormats = false;
        while (reader?.Read() == true)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "cellXfs":
                        inCellFormats = !reader.IsEmptyElement;
                        break;
                    case "numFmt" when uint.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                        custom[id] = reader.GetAttribute("formatCode") ?? string.Empty;
                        break;
                    case "xf" when inCellFormats:
                        _ = uint.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var format);
                        formats.Add(format);
                        break;
                }

                if (custom.Count > MaxStyles || formats.Count > MaxStyles)
                {
                    throw UnreadableSheet.Because($"The workbook's style table has more than {MaxStyles:N0} formats, which no workbook needs.");
                }
            }
        }

        return [.. formats.Select(id => IsDateFormat(id, custom))];
    }

    private static bool IsDateFormat(uint id, Dictionary<uint, string> custom) =>
        custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : id is (>= 14 and <= 17) or 22;

    /// <summary>
    /// True when a format code shows a date: it has a day, month or year outside quotes, escapes and brackets. Time-only and
    /// elapsed-time codes (<c>h:mm</c>, <c>[h]:mm:ss</c>, <c>mm:ss</c>) are not dates; their numbers stay numbers.
    /// </summary>
    internal static bool IsDateFormatCode(string code)
    {
        // Only the first section (positive numbers) matters; AM/PM markers hold an 'm' that is not a month.
        var section = code.Split(';')[0].Replace("AM/PM", string.Empty, StringComparison.OrdinalIgnoreCase).Replace("A/P", string.Empty, StringComparison.OrdinalIgnoreCase);
        var hasDayOrYear = false;
        var hasMonthOrMinute = false;
        var hasTime = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = char.ToLowerInvariant(section[i]);
            switch (c)
            {
                case '"':
                    i = section.IndexOf('"', i + 1) is var end and >= 0 ? end : section.Length;
                    break;
                case '[':
                    i = section.IndexOf(']', i + 1) is var close and >= 0 ? close : section.Length;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case 'd' or 'y':
                    hasDayOrYear = true;
                    break;
                case 'm':
                    hasMonthOrMinute = true;
                    break;
                case 'h' or 's':
                    hasTime = true;
                    break;
            }
        }

        return hasDayOrYear || (hasMonthOrMinute && !hasTime);
    }

    /// <summary>The 0-based column of a reference like <c>C7</c> or <c>AB12</c>.</summary>
    private int ColumnOf(string reference)
    {
        var column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
            if (column > MaxColumns)
            {
                break;
            }
        }

        return i == 0 || column > MaxColumns
            ? throw UnreadableSheet.Because($"Row {lastRow} has a cell with a malformed reference '{Shorten(reference)}'.")
            : column - 1;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>
    /// Decodes the <c>_xHHHH_</c> escapes SpreadsheetML uses for characters XML cannot carry (Excel writes a carriage return
    /// as <c>_x000D_</c>, and a literal <c>_x</c> sequence as <c>_x005F_x…</c>).
    /// </summary>
    internal static string DecodeEscapes(string value)
    {
        if (!value.Contains("_x", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            if (IsEscape(value, i) && ushort.TryParse(value.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 7;
            }
            else
            {
                result.Append(value[i]);
                i++;
            }
        }

        return result.ToString();
    }

    internal static bool IsEscape(string value, int i) =>
        i + 7 <= value.Length && value[i] == '_' && value[i + 1] == 'x' && value[i + 6] == '_'
        && char.IsAsciiHexDigit(value[i + 2]) && char.IsAsciiHexDigit(value[i + 3]) && char.IsAsciiHexDigit(value[i + 4]) && char.IsAsciiHexDigit(value[i + 5]);

    /// <summary>A relationship of the workbook: the type's last segment and the target part's path.</summary>
    private sealed record Relationship(string Type, string Path);
}
