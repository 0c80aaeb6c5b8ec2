using System.Text;
using Sylvan.Data.Csv;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Streams a CSV with Sylvan's reader: RFC 4180 quoting, bare line feeds inside quoted fields, UTF-8 with or without BOM.
/// The text reaches it through <see cref="CsvCellLimiter"/>, so no cell or row makes it buffer more than the limits allow.
/// </summary>
internal sealed class CsvSheetReader : ISheetReader
{
    private static readonly Encoding Utf8MarkingBadBytes = Encoding.GetEncoding(
        "utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(CsvCellLimiter.NotUtf8.ToString()));

    private readonly CsvDataReader reader;
    private int dataRows;

    private CsvSheetReader(CsvDataReader reader, IReadOnlyList<string> header)
    {
        this.reader = reader;
        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public int RowNumber => dataRows + 1;

    public int CellCount => reader.RowFieldCount;

    public static CsvSheetReader Open(Stream stream, SheetLimits? limits = null)
    {
        limits ??= SheetLimits.Default;
        var text = new CsvCellLimiter(new StreamReader(stream, Utf8MarkingBadBytes, detectEncodingFromByteOrderMarks: true), limits);
        try
        {
            var reader = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                BufferSize = 1 << 16,
                // Room for the longest row the limiter lets through, so the parser never refuses one in its own words.
                MaxBufferSize = limits.MaxRowChars + (1 << 16),
            });
            var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            return new CsvSheetReader(reader, header);
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException || UnreadableSheet.IsOurs(e))
        {
            text.Dispose();
            if (UnreadableSheet.IsOurs(e))
            {
                throw;
            }

            throw UnreadableSheet.Because($"The file is not a readable CSV: row 1 {Describe(e)}", e);
        }
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException)
        {
            throw UnreadableSheet.Because($"The file is not a readable CSV: row {RowNumber + 1} {Describe(e)}", e);
        }

        dataRows++;
        return true;
    }

    public string Get(int ordinal) => ordinal < reader.RowFieldCount ? reader.GetString(ordinal) : string.Empty;

    public void Dispose() => reader.Dispose();

    /// <summary>The parser's complaint in our words (its own name settings the uploader cannot change).</summary>
    private static string Describe(Exception e) => e is CsvRecordTooLargeException
        ? "is longer than the reader can hold."
        : "is not valid CSV: a field holding quotes, commas or line breaks must be in quotes, with each quote inside doubled.";
}
