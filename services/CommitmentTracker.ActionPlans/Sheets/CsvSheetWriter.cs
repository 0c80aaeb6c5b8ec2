using System.Text;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Writes RFC 4180 CSV in UTF-8 with a byte order mark (so Excel opens it as UTF-8): a field is quoted when it holds a
/// comma, a quote, a carriage return or a line feed, quotes inside are doubled, and rows end with CRLF.
/// </summary>
/// <remarks>
/// Writes are asynchronous, so <c>output</c> may be a response body; the caller owns it. Cells must already be
/// neutralised (<see cref="FormulaGuard"/>).
/// </remarks>
internal sealed class CsvSheetWriter : ISheetWriter
{
    private readonly StreamWriter writer;
    private readonly StringBuilder line = new();

    private CsvSheetWriter(StreamWriter writer) => this.writer = writer;

    public static CsvSheetWriter Create(Stream output) =>
        new(new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true));

    public async ValueTask WriteRowAsync(IReadOnlyList<string?> cells, CancellationToken cancellationToken)
    {
        line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var value = cells[i] ?? string.Empty;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(value);
            }
        }

        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
