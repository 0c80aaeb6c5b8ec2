using System.IO.Compression;
using CommitmentTracker.ActionPlans.Sheets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Word = DocumentFormat.OpenXml.Wordprocessing;
using OpenXmlSheets = DocumentFormat.OpenXml.Spreadsheet.Sheets;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

public sealed class XlsxSheetReaderTests
{
    private static Cell Shared(string? reference, int index) => Placed(
        new Cell(new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture))) { DataType = CellValues.SharedString }, reference);

    private static Cell Inline(string? reference, string text) => Placed(
        new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString }, reference);

    /// <summary>A null reference leaves the attribute out, as some writers do.</summary>
    private static Cell Placed(Cell cell, string? reference)
    {
        if (reference is not null)
        {
            cell.CellReference = reference;
        }

        return cell;
    }

    private static Cell Number(string reference, string value, uint style = 0) => new(new CellValue(value))
    {
        CellReference = reference,
        StyleIndex = style == 0 ? null : style,
    };

    private static Cell Flag(string reference, bool value) => new(new CellValue(value ? "1" : "0"))
    {
        CellReference = reference,
        DataType = CellValues.Boolean,
    };

    /// <summary>
    /// A workbook as Excel would save it: shared strings (one rich), dates as styled serial numbers, a formula, a sparse row,
    /// empty rows, cells without references. A decoy sheet comes first in the package but second in the workbook's order.
    /// </summary>
    private static void CreateWorkbook(string path)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var decoy = workbookPart.AddNewPart<WorksheetPart>();
        decoy.Worksheet = new Worksheet(new SheetData(new Row(Inline("A1", "Not this sheet")) { RowIndex = 1U }));
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        workbookPart.Workbook = new Workbook(new OpenXmlSheets(
            new Sheet { Name = "Commitments", SheetId = 2U, Id = workbookPart.GetIdOfPart(worksheetPart) },
            new Sheet { Name = "Decoy", SheetId = 1U, Id = workbookPart.GetIdOfPart(decoy) }));

        workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
            new SharedStringItem(new Text("Id")),
            new SharedStringItem(new Text("Title")),
            new SharedStringItem(new Text("OGP-1")),
            new SharedStringItem(
                new Run(new RunProperties(new Bold()), new Text("Rich ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new Text("text")),
                new PhoneticRun(new Text("phonetic hint")) { BaseTextStartIndex = 0U, EndingBaseIndex = 1U }),
            new SharedStringItem(new Text("line_x000D_\nbreak")));

        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164U, FormatCode = "d mmm yyyy" },
                new NumberingFormat { NumberFormatId = 165U, FormatCode = "[h]:mm" }),
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat { NumberFormatId = 0U },
                new CellFormat { NumberFormatId = 14U, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164U, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165U, ApplyNumberFormat = true }));

        worksheetPart.Worksheet = new Worksheet(new SheetData(
            new Row(
                Shared("A1", 0), Shared("B1", 1), Inline("C1", "Date"), Inline("D1", "Number"), Inline("E1", "Flag"), Inline("F1", "Formula"),
                Inline("G1", "Custom date"), new Cell { CellReference = "H1", StyleIndex = 1U }) { RowIndex = 1U },
            new Row(
                Shared("A2", 2), Shared("B2", 3), Number("C2", "43101", style: 1), Number("D2", "2016"), Flag("E2", true),
                new Cell(new CellFormula("CONCAT(\"a\",\"b\")"), new CellValue("ab")) { CellReference = "F2", DataType = CellValues.String },
                Number("G2", "43465", style: 2)) { RowIndex = 2U },
            // Sparse: B and F are missing.
            new Row(
                Inline("A3", "OGP-2"), Number("C3", "0.5"), Number("D3", "0.30000000000000004"), Flag("E3", false), Number("G3", "0.5", style: 3)) { RowIndex = 3U },
            new Row { RowIndex = 4U },
            new Row(new Cell { CellReference = "A5", StyleIndex = 1U }) { RowIndex = 5U },
            // No references: cells follow one another.
            new Row(Inline(null, "  padded "), Shared(null, 4)) { RowIndex = 6U }));
    }

    [Fact]
    public async Task Reads_shared_inline_rich_number_date_boolean_and_formula_cells_and_skips_empty_rows()
    {
        using var temp = new TempFile();
        CreateWorkbook(temp.Path);

        var sheet = await SheetTestFiles.ReadAllAsync(XlsxSheetReader.Open(File.OpenRead(temp.Path)));

        Assert.Equal(["Id", "Title", "Date", "Number", "Flag", "Formula", "Custom date"], sheet.Header);
        Assert.Equal([2, 3, 6], sheet.RowNumbers);
        Assert.Equal(["OGP-1", "Rich text", "1/1/2018", "2016", "TRUE", "ab", "12/31/2018"], sheet.Rows[0]);
        Assert.Equal(["OGP-2", "", "0.5", "0.3", "FALSE", "", "0.5"], sheet.Rows[1]);
        Assert.Equal(["  padded ", "line\r\nbreak", "", "", "", "", ""], sheet.Rows[2]);
    }

    [Fact]
    public async Task Cell_count_runs_to_the_last_non_empty_cell()
    {
        using var temp = new TempFile();
        CreateWorkbook(temp.Path);
        using var reader = XlsxSheetReader.Open(File.OpenRead(temp.Path));
        var counts = new List<int>();

        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            counts.Add(reader.CellCount);
        }

        Assert.Equal([7, 7, 2], counts);
        Assert.Equal(string.Empty, reader.Get(500));
    }

    [Theory]
    [InlineData("m/d/yyyy", true)]
    [InlineData("[$-409]mmmm d, yyyy;@", true)]
    [InlineData("mmm-yy", true)]
    [InlineData("yyyy\"年\"m\"月\"", true)]
    [InlineData("h:mm AM/PM", false)]
    [InlineData("[h]:mm:ss", false)]
    [InlineData("mm:ss", false)]
    [InlineData("0.00\" days\"", false)]
    [InlineData("General", false)]
    [InlineData("#,##0;[Red]-#,##0", false)]
    public void Date_formats_are_told_from_number_and_time_formats(string code, bool isDate) =>
        Assert.Equal(isDate, XlsxSheetReader.IsDateFormatCode(code));

    [Fact]
    public void Random_bytes_after_a_zip_signature_are_rejected()
    {
        using var temp = new TempFile();
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        "PK\x03\x04"u8.CopyTo(bytes);
        File.WriteAllBytes(temp.Path, bytes);
        var stream = File.OpenRead(temp.Path);

        Assert.Throws<InvalidDataException>(() => XlsxSheetReader.Open(stream));
        Assert.False(stream.CanRead);
    }

    [Fact]
    public void A_zip_that_is_not_a_package_is_rejected()
    {
        using var temp = new TempFile();
        using (var zip = ZipFile.Open(temp.Path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("hello");
        }

        Assert.Throws<InvalidDataException>(() => XlsxSheetReader.Open(File.OpenRead(temp.Path)));
    }

    [Fact]
    public void A_word_document_is_rejected()
    {
        using var temp = new TempFile();
        using (var document = WordprocessingDocument.Create(temp.Path, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Word.Document(new Word.Body(new Word.Paragraph(new Word.Run(new Word.Text("Not a sheet")))));
        }

        var e = Assert.Throws<InvalidDataException>(() => XlsxSheetReader.Open(File.OpenRead(temp.Path)));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void A_workbook_without_a_worksheet_is_rejected()
    {
        using var temp = new TempFile();
        using (var document = SpreadsheetDocument.Create(temp.Path, SpreadsheetDocumentType.Workbook))
        {
            document.AddWorkbookPart().Workbook = new Workbook(new OpenXmlSheets());
        }

        var e = Assert.Throws<InvalidDataException>(() => XlsxSheetReader.Open(File.OpenRead(temp.Path)));
        Assert.Contains("no worksheet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worksheet_corrupted_midway_fails_while_reading()
    {
        using var temp = new TempFile();
        await using (var file = File.Create(temp.Path))
        {
            var rows = Enumerable.Range(0, 2000).Select(i => (IReadOnlyList<string?>)[$"row {i}", Guid.NewGuid().ToString(), new string('x', i % 50)]);
            await SheetTestFiles.WriteAllAsync(XlsxSheetWriter.Create(file), [["Id", "Guid", "Text"], .. rows]);
        }

        // Overwrite part of the worksheet's compressed data (the last and largest entry), leaving the zip's directory intact.
        long offset;
        using (var zip = ZipFile.OpenRead(temp.Path))
        {
            Assert.Equal("xl/worksheets/sheet1.xml", zip.Entries[^1].FullName);
            offset = new FileInfo(temp.Path).Length - 200 - (zip.Entries[^1].CompressedLength / 2);
        }

        await using (var file = File.OpenWrite(temp.Path))
        {
            file.Position = offset;
            file.Write(new byte[64]);
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => SheetTestFiles.ReadAllAsync(XlsxSheetReader.Open(File.OpenRead(temp.Path))));
    }
}
