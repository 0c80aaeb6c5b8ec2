using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenXmlSheets = DocumentFormat.OpenXml.Spreadsheet.Sheets;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Writes a one-worksheet XLSX workbook ("Commitments") row by row. Every cell is an inline string, so nothing becomes a
/// number, a date or a formula; empty cells are left out. The header row is frozen.
/// </summary>
/// <remarks>
/// <para>
/// The package is written as a plain zip in <see cref="ZipArchiveMode.Create"/>, with the worksheet's XML streamed through
/// <see cref="OpenXmlWriter"/>. <c>SpreadsheetDocument.Create</c> is not used: on .NET its package opens the zip in update
/// mode, which keeps each part's uncompressed bytes in memory until the package closes (about 630 MB for 20,000 rows of
/// 171 columns), and Open XML SDK 3 refuses a write-only package. Here memory stays flat whatever the row count.
/// </para>
/// <para>
/// Writes are synchronous on <c>output</c> (a file, as the export uses); the caller owns and disposes it. Cells must
/// already be neutralised (<see cref="FormulaGuard"/>); this writer only drops characters XML 1.0 cannot carry and
/// escapes carriage returns and literal <c>_xHHHH_</c> sequences the way Excel does, so text reads back unchanged.
/// </para>
/// </remarks>
internal sealed class XlsxSheetWriter : ISheetWriter
{
    internal const string SheetName = "Commitments";

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n" +
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
        """<Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
        "</Types>";

    private const string PackageRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
        "</Relationships>";

    private const string WorkbookRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""" +
        """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""" +
        "</Relationships>";

    // Parts are UTF-8 without a byte order mark, as Excel writes them.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // The SAX writer only reads an element's name, so one instance of each serves every row.
    private readonly Row row = new();
    private readonly Cell cell = new();
    private readonly InlineString inlineString = new();
    private readonly Text text = new();
    private readonly OpenXmlAttribute[] rowAttributes = new OpenXmlAttribute[1];
    private readonly OpenXmlAttribute[] cellAttributes = new OpenXmlAttribute[2];
    private readonly OpenXmlAttribute[] preserveSpace = [new("xml", "space", XmlNamespace, "preserve")];
    private readonly List<string> columnNames = [];
    private readonly StringBuilder clean = new();
    private readonly Stream output;
    private readonly ZipArchive archive;
    private readonly Stream sheet;
    private readonly OpenXmlWriter writer;
    private int rowNumber;
    private bool closed;

    private XlsxSheetWriter(Stream output, ZipArchive archive, Stream sheet, OpenXmlWriter writer)
    {
        this.output = output;
        this.archive = archive;
        this.sheet = sheet;
        this.writer = writer;
    }

    /// <summary>Starts the workbook on <paramref name="output"/> (left open: the caller owns it).</summary>
    public static XlsxSheetWriter Create(Stream output)
    {
        var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Stream? sheet = null;
        try
        {
            WriteText(archive, "[Content_Types].xml", ContentTypes);
            WriteText(archive, "_rels/.rels", PackageRelationships);
            WriteText(archive, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
            WriteElement(archive, "xl/workbook.xml", new Workbook(new OpenXmlSheets(new Sheet { Name = SheetName, SheetId = 1U, Id = "rId1" })));
            WriteElement(archive, "xl/styles.xml", MinimalStyles());

            // A zip in create mode holds one entry open at a time: the worksheet is the last one and stays open until CompleteAsync.
            sheet = archive.CreateEntry("xl/worksheets/sheet1.xml").Open();
            var writer = OpenXmlWriter.Create(sheet, Utf8);
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1D,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            {
                TabSelected = true,
                WorkbookViewId = 0U,
            }));
            writer.WriteStartElement(new SheetData());
            return new XlsxSheetWriter(output, archive, sheet, writer);
        }
        catch
        {
            sheet?.Dispose();
            archive.Dispose();
            throw;
        }
    }

    public ValueTask WriteRowAsync(IReadOnlyList<string?> cells, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(closed, this);
        rowNumber++;
        var number = rowNumber.ToString(CultureInfo.InvariantCulture);
        rowAttributes[0] = new OpenXmlAttribute("r", string.Empty, number);
        writer.WriteStartElement(row, rowAttributes);
        for (var i = 0; i < cells.Count; i++)
        {
            var value = Clean(cells[i]);
            if (value.Length == 0)
            {
                continue;
            }

            cellAttributes[0] = new OpenXmlAttribute("r", string.Empty, ColumnName(i) + number);
            cellAttributes[1] = new OpenXmlAttribute("t", string.Empty, "inlineStr");
            writer.WriteStartElement(cell, cellAttributes);
            writer.WriteStartElement(inlineString, []);
            writer.WriteStartElement(text, NeedsPreserve(value) ? preserveSpace : []);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        writer.WriteEndElement();
        writer.WriteEndElement();
        Close();
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Without <see cref="CompleteAsync"/> (a failed export) the zip is closed as it stands; the caller discards it.</summary>
    public ValueTask DisposeAsync()
    {
        if (!closed)
        {
            Close();
        }

        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        closed = true;
        writer.Dispose();
        sheet.Dispose();
        // Disposing the archive writes the zip's central directory.
        archive.Dispose();
    }

    /// <summary>
    /// The cell's text as XML 1.0 can carry it: control characters other than tab, line feed and carriage return, lone
    /// surrogates and U+FFFE/U+FFFF are dropped; a carriage return (which XML parsers would fold into a line feed) and a
    /// literal <c>_xHHHH_</c> are escaped as SpreadsheetML does, <c>_x000D_</c> and <c>_x005F_xHHHH_</c>.
    /// </summary>
    internal string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var i = 0;
        while (i < value.Length && IsPlain(value, i))
        {
            i++;
        }

        if (i == value.Length)
        {
            return value;
        }

        clean.Clear().Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (IsPlain(value, i))
            {
                clean.Append(c);
            }
            else if (c == '\r')
            {
                clean.Append("_x000D_");
            }
            else if (c == '_')
            {
                clean.Append("_x005F_");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                clean.Append(c).Append(value[i + 1]);
                i++;
            }
        }

        return clean.ToString();
    }

    /// <summary>True for a character written as it is (surrogate pairs are handled by the caller).</summary>
    private static bool IsPlain(string value, int i)
    {
        var c = value[i];
        return c switch
        {
            '\t' or '\n' => true,
            '_' => !XlsxSheetReader.IsEscape(value, i),
            < ' ' or '\uFFFE' or '\uFFFF' => false,
            _ => !char.IsSurrogate(c),
        };
    }

    /// <summary>Leading, trailing, repeated or non-space white space needs <c>xml:space="preserve"</c> to survive.</summary>
    private static bool NeedsPreserve(string value) =>
        value[0] == ' ' || value[^1] == ' ' || value.AsSpan().IndexOfAny('\t', '\n') >= 0 || value.Contains("  ", StringComparison.Ordinal);

    /// <summary>A, B, …, Z, AA, AB, …: cached, since every row uses the same columns.</summary>
    private string ColumnName(int index)
    {
        while (columnNames.Count <= index)
        {
            var name = new StringBuilder();
            for (var n = columnNames.Count + 1; n > 0; n = (n - 1) / 26)
            {
                name.Insert(0, (char)('A' + ((n - 1) % 26)));
            }

            columnNames.Add(name.ToString());
        }

        return columnNames[index];
    }

    private static void WriteText(ZipArchive archive, string name, string content)
    {
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(Utf8.GetBytes(content));
    }

    private static void WriteElement(ZipArchive archive, string name, OpenXmlElement root)
    {
        using var stream = archive.CreateEntry(name).Open();
        using var writer = OpenXmlWriter.Create(stream, Utf8);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    /// <summary>The least a styles part holds for Excel to accept it: one font, the two reserved fills, one border, one format.</summary>
    private static Stylesheet MinimalStyles() => new(
        new Fonts(new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" })) { Count = 1U },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U }) { Count = 1U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
}
