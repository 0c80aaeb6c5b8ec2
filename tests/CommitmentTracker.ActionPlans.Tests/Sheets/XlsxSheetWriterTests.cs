using CommitmentTracker.ActionPlans.Sheets;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CommitmentTracker.ActionPlans.Tests.Sheets;

public sealed class XlsxSheetWriterTests
{
    private static async Task WriteAsync(string path, params IReadOnlyList<string?>[] rows)
    {
        await using var file = File.Create(path);
        await SheetTestFiles.WriteAllAsync(XlsxSheetWriter.Create(file), rows);
    }

    [Fact]
    public async Task Every_cell_is_an_inline_string_in_a_valid_workbook()
    {
        using var temp = new TempFile();
        await WriteAsync(temp.Path, ["Number", "Date", "Guarded formula", "Flag", "Empty"], ["2016", "1/1/2018", FormulaGuard.Neutralize("=SUM(A1:A2)"), "TRUE", null]);

        using (var document = SpreadsheetDocument.Open(temp.Path, isEditable: false))
        {
            var workbookPart = document.WorkbookPart!;
            Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
            Assert.Equal(XlsxSheetWriter.SheetName, workbookPart.Workbook.Descendants<Sheet>().Single().Name?.Value);
            var worksheet = workbookPart.WorksheetParts.Single().Worksheet;
            Assert.Equal(PaneStateValues.Frozen, worksheet.Descendants<Pane>().Single().State?.Value);
            var cells = worksheet.Descendants<Cell>().ToList();
            Assert.Equal(9, cells.Count);
            Assert.All(cells, cell => Assert.Equal(CellValues.InlineString, cell.DataType?.Value));
            Assert.Empty(worksheet.Descendants<CellFormula>());
        }

        var sheet = await SheetTestFiles.ReadAllAsync(XlsxSheetReader.Open(File.OpenRead(temp.Path)));
        Assert.Equal(["2016", "1/1/2018", "'=SUM(A1:A2)", "TRUE", ""], sheet.Rows.Single());
    }

    [Fact]
    public async Task Characters_xml_cannot_hold_are_dropped_and_the_rest_reads_back_unchanged()
    {
        using var temp = new TempFile();
        string?[] written =
        [
            "bell\u0007 and nul\u0000",
            "lone \uD800 surrogate \uDC00",
            "\uFFFEnon-characters\uFFFF",
            "emoji 😀 pair",
            "tab\tline\nwindows\r\nend\r",
            "_x0041_ looks like an escape",
            "  leading and trailing  ",
            "two  spaces",
        ];
        await WriteAsync(temp.Path, ["A", "B", "C", "D", "E", "F", "G", "H"], written);

        var sheet = await SheetTestFiles.ReadAllAsync(XlsxSheetReader.Open(File.OpenRead(temp.Path)));

        Assert.Equal(
            [
                "bell and nul",
                "lone  surrogate ",
                "non-characters",
                "emoji 😀 pair",
                "tab\tline\nwindows\r\nend\r",
                "_x0041_ looks like an escape",
                "  leading and trailing  ",
                "two  spaces",
            ],
            sheet.Rows.Single());
    }

    [Fact]
    public async Task A_workbook_without_rows_is_still_valid()
    {
        using var temp = new TempFile();
        await WriteAsync(temp.Path);

        using (var document = SpreadsheetDocument.Open(temp.Path, isEditable: false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
        }

        using var reader = XlsxSheetReader.Open(File.OpenRead(temp.Path));
        Assert.Empty(reader.Header);
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_writer_cannot_be_used_after_completion()
    {
        using var temp = new TempFile();
        await using var file = File.Create(temp.Path);
        await using var writer = XlsxSheetWriter.Create(file);
        await writer.WriteRowAsync(["a"], TestContext.Current.CancellationToken);
        await writer.CompleteAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteRowAsync(["b"], TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task A_writer_disposed_without_completing_closes_quietly_and_leaves_the_output_open()
    {
        using var output = new MemoryStream();

        await using (var writer = XlsxSheetWriter.Create(output))
        {
            await writer.WriteRowAsync(["a", "b"], TestContext.Current.CancellationToken);
        }

        Assert.True(output.CanWrite);
    }
}
