using System.Text;
using Sylvan.Data.Csv;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Streams a CSV with Sylvan's reader: RFC 4180 quoting, bare line feeds inside quoted fields, UTF-8 with or without BOM.
/// </summary>
internal sealed class CsvSheetReader : ISheetReader
{
    /// <summary>The longest single field accepted (OGP's longest full texts are a few tens of kilobytes).</summary>
    internal const int MaxFieldChars = 1 << 20;

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

    public static CsvSheetReader Open(Stream stream)
    {
        var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            var reader = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                BufferSize = 1 << 16,
                MaxBufferSize = MaxFieldChars,
            });
            var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            return new CsvSheetReader(reader, header);
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException or CsvRecordTooLargeException)
        {
            text.Dispose();
            throw new InvalidDataException($"The file is not a readable CSV: {e.Message}", e);
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
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException or CsvRecordTooLargeException)
        {
            throw new InvalidDataException($"Row {RowNumber + 1} is not readable CSV: {e.Message}", e);
        }

        dataRows++;
        return true;
    }

    public string Get(int ordinal) => ordinal < reader.RowFieldCount ? reader.GetString(ordinal) : string.Empty;

    public void Dispose() => reader.Dispose();
}
