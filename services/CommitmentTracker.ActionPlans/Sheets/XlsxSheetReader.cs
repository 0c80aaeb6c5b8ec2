using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Streams the first worksheet of an XLSX workbook with Open XML's SAX reader: cells are read as the text a CSV export
/// of the sheet would hold (numbers invariant, booleans <c>TRUE</c>/<c>FALSE</c>, date-formatted numbers <c>M/d/yyyy</c>).
/// </summary>
/// <remarks>
/// Only the shared string table (and the small style table) is held in memory; the worksheet is never loaded as a DOM.
/// Any failure to read the package or its XML becomes an <see cref="InvalidDataException"/>, which rejects the import.
/// </remarks>
internal sealed class XlsxSheetReader : ISheetReader
{
    /// <summary>The most characters the shared string table may hold in total: it is the one thing kept in memory.</summary>
    internal const long MaxSharedStringChars = 1L << 27;

    /// <summary>Excel's last column (XFD): cell references beyond it are malformed.</summary>
    private const int MaxColumns = 16384;

    private readonly Stream stream;
    private readonly SpreadsheetDocument document;
    private readonly OpenXmlReader reader;
    private readonly List<string> sharedStrings;
    private readonly bool[] dateStyles;
    private readonly bool date1904;
    private readonly StringBuilder text = new();
    private string?[] cells = new string?[256];
    private int cellCount;
    private int lastRow;

    private XlsxSheetReader(Stream stream, SpreadsheetDocument document, OpenXmlReader reader, List<string> sharedStrings, bool[] dateStyles, bool date1904)
    {
        this.stream = stream;
        this.document = document;
        this.reader = reader;
        this.sharedStrings = sharedStrings;
        this.dateStyles = dateStyles;
        this.date1904 = date1904;
    }

    public IReadOnlyList<string> Header { get; private set; } = [];

    public int RowNumber { get; private set; } = 1;

    public int CellCount => cellCount;

    /// <summary>Opens the workbook and reads the header (the first non-empty row). The reader owns <paramref name="stream"/>.</summary>
    public static XlsxSheetReader Open(Stream stream)
    {
        SpreadsheetDocument? document = null;
        OpenXmlReader? sheet = null;
        var opened = false;
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("The file is a package but not an Excel workbook.");
            var workbook = workbookPart.Workbook;
            // The first sheet in the workbook's order that is a worksheet (a chart sheet has no cells).
            var worksheetPart = workbook.Sheets?.Elements<Sheet>()
                .Select(s => s.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var part) ? part as WorksheetPart : null)
                .FirstOrDefault(p => p is not null)
                ?? throw new InvalidDataException("The workbook has no worksheet.");
            var sharedStrings = LoadSharedStrings(workbookPart.SharedStringTablePart);
            var dateStyles = LoadDateStyles(workbookPart.WorkbookStylesPart);
            var date1904 = workbook.WorkbookProperties?.Date1904?.Value ?? false;
            sheet = OpenXmlReader.Create(worksheetPart, readMiscNodes: false, ignoreWhitespace: false);
            var result = new XlsxSheetReader(stream, document, sheet, sharedStrings, dateStyles, date1904);
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
        catch (Exception e) when (IsUnreadable(e) && e is not InvalidDataException)
        {
            throw new InvalidDataException($"The file is not a readable XLSX workbook: {e.Message}", e);
        }
        finally
        {
            if (!opened)
            {
                sheet?.Dispose();
                document?.Dispose();
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
        catch (Exception e) when (IsUnreadable(e) && e is not InvalidDataException)
        {
            throw new InvalidDataException($"The worksheet is not readable after row {RowNumber}: {e.Message}", e);
        }
    }

    public string Get(int ordinal) => ordinal < cellCount ? cells[ordinal] ?? string.Empty : string.Empty;

    public void Dispose()
    {
        reader.Dispose();
        document.Dispose();
        stream.Dispose();
    }

    /// <summary>What a corrupt zip, package or part throws: all of it means "not a workbook we can read".</summary>
    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or OpenXmlPackageException or XmlException or FormatException or IOException
            or ArgumentException or InvalidOperationException or NotSupportedException;

    /// <summary>Reads rows up to the next one with a non-empty cell; false at the end of the sheet.</summary>
    private bool MoveToNextRow()
    {
        while (reader.Read())
        {
            if (!reader.IsStartElement || reader.ElementType != typeof(Row))
            {
                continue;
            }

            var number = lastRow + 1;
            foreach (var attribute in reader.Attributes)
            {
                if (attribute.LocalName == "r" && attribute.NamespaceUri.Length == 0)
                {
                    number = int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                        ? r
                        : throw new InvalidDataException($"Row {lastRow + 1} has a malformed row number '{attribute.Value}'.");
                }
            }

            lastRow = number;
            Array.Clear(cells, 0, cellCount);
            cellCount = 0;
            ReadCells();
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
        var next = 0;
        while (reader.Read())
        {
            if (reader.IsEndElement && reader.ElementType == typeof(Row))
            {
                return;
            }

            if (reader.IsStartElement && reader.ElementType == typeof(Cell))
            {
                next = ReadCell(next) + 1;
            }
        }
    }

    /// <summary>Reads one cell through its end tag and stores its text; returns its column (0-based).</summary>
    private int ReadCell(int next)
    {
        var column = next;
        string? type = null;
        var style = 0;
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.NamespaceUri.Length != 0)
            {
                continue;
            }

            switch (attribute.LocalName)
            {
                case "r" when !string.IsNullOrEmpty(attribute.Value):
                    column = ColumnOf(attribute.Value);
                    break;
                case "t":
                    type = attribute.Value;
                    break;
                case "s":
                    _ = int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style);
                    break;
            }
        }

        string? value = null;
        string? inline = null;
        while (reader.Read())
        {
            if (reader.IsEndElement && reader.ElementType == typeof(Cell))
            {
                break;
            }

            if (reader.IsStartElement && reader.ElementType == typeof(CellValue))
            {
                value = reader.GetText();
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(InlineString))
            {
                inline = ReadStringItem(typeof(InlineString));
            }
        }

        var cell = CellText(type, style, value, inline);
        if (!string.IsNullOrEmpty(cell))
        {
            if (column >= MaxColumns)
            {
                throw new InvalidDataException($"Row {lastRow} has more than {MaxColumns} columns.");
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
            : throw new InvalidDataException($"Row {lastRow} refers to shared string '{value}', which the workbook does not have."),
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

    /// <summary>The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>): its runs concatenated, phonetic hints left out.</summary>
    private string ReadStringItem(Type itemType) => ReadStringItem(reader, itemType, text);

    private static string ReadStringItem(OpenXmlReader reader, Type itemType, StringBuilder text)
    {
        text.Clear();
        var phonetic = 0;
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (reader.IsEndElement)
            {
                if (type == itemType)
                {
                    break;
                }

                if (type == typeof(PhoneticRun))
                {
                    phonetic--;
                }
            }
            else if (reader.IsStartElement)
            {
                if (type == typeof(PhoneticRun))
                {
                    phonetic++;
                }
                else if (type == typeof(Text) && phonetic == 0)
                {
                    text.Append(reader.GetText());
                }
            }
        }

        return DecodeEscapes(text.ToString());
    }

    /// <summary>
    /// The shared string table, read with the SAX reader into plain strings. It is the one part held in memory (cells refer
    /// to it by index from anywhere in the sheet), so its size is capped.
    /// </summary>
    private static List<string> LoadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        var text = new StringBuilder();
        long total = 0;
        using var reader = OpenXmlReader.Create(part, readMiscNodes: false, ignoreWhitespace: false);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                var item = ReadStringItem(reader, typeof(SharedStringItem), text);
                total += item.Length;
                if (total > MaxSharedStringChars)
                {
                    throw new InvalidDataException($"The workbook's shared strings exceed {MaxSharedStringChars:N0} characters.");
                }

                strings.Add(item);
            }
        }

        return strings;
    }

    /// <summary>Which cell formats (by index, as cells' <c>s</c> attribute) show a number as a date.</summary>
    private static bool[] LoadDateStyles(WorkbookStylesPart? part)
    {
        // The style table is small; the DOM is fine here.
        var stylesheet = part?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats)
        {
            return [];
        }

        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.Last().FormatCode?.Value ?? string.Empty) ?? [];
        return [.. formats.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value is { } id && IsDateFormat(id, custom))];
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
            ? throw new InvalidDataException($"Row {lastRow} has a cell with a malformed reference '{reference}'.")
            : column - 1;
    }

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
}
