namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>The file formats an import accepts.</summary>
internal enum SheetFormat
{
    /// <summary>OGP's commitment sheet as CSV.</summary>
    Csv,
    /// <summary>OGP's commitment sheet as an Excel workbook (first worksheet).</summary>
    Xlsx,
}

/// <summary>A forward-only reader over a sheet's rows: memory stays bounded whatever the file's size.</summary>
internal interface ISheetReader : IDisposable
{
    /// <summary>The header row's cells as written in the file.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The current row's number as a spreadsheet shows it: the header is row 1, the first data row is row 2.</summary>
    int RowNumber { get; }

    /// <summary>How many cells the current row has (a short row has fewer than the header).</summary>
    int CellCount { get; }

    /// <summary>Moves to the next data row; false at the end. Throws <see cref="InvalidDataException"/> on a malformed file.</summary>
    ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The current row's cell text; empty when the row is shorter than <paramref name="ordinal"/>.</summary>
    string Get(int ordinal);
}

/// <summary>Writes a sheet row by row (exports); cells are written as text.</summary>
internal interface ISheetWriter : IAsyncDisposable
{
    ValueTask WriteRowAsync(IReadOnlyList<string?> cells, CancellationToken cancellationToken);

    /// <summary>Completes the file (an XLSX needs its closing parts); the writer cannot be used afterwards.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}

internal static class SheetFiles
{
    /// <summary>Decides the format from the bytes, not the name: an XLSX is a zip; a CSV is text without NUL bytes.</summary>
    public static async Task<SheetFormat?> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        stream.Position = 0;
        if (read >= 4 && buffer[0] == (byte)'P' && buffer[1] == (byte)'K' && buffer[2] == 3 && buffer[3] == 4)
        {
            return SheetFormat.Xlsx;
        }

        return read > 0 && Array.IndexOf(buffer, (byte)0, 0, read) < 0 ? SheetFormat.Csv : null;
    }

    /// <summary>Opens a reader positioned after the header. Throws <see cref="InvalidDataException"/> when the file cannot be read as <paramref name="format"/>.</summary>
    public static ISheetReader Open(Stream stream, SheetFormat format, SheetLimits? limits = null) => format switch
    {
        SheetFormat.Csv => CsvSheetReader.Open(stream, limits),
        SheetFormat.Xlsx => XlsxSheetReader.Open(stream, limits),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
