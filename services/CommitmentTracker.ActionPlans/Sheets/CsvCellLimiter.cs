namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// The CSV text on its way to the CSV parser, kept within <see cref="SheetLimits"/>: a field longer than the cell limit is
/// cut one character past it (quotes kept balanced), so the parser never needs a huge buffer and the row reader rejects
/// exactly that row; a row over <see cref="SheetLimits.MaxRowChars"/>, or bytes that are not UTF-8, reject the file
/// naming the row.
/// </summary>
/// <remarks>
/// It follows RFC 4180 quoting only as far as it needs to find where fields and rows end; the parser does the parsing.
/// Undecodable bytes arrive as U+FFFF (the decoder's replacement, a noncharacter that text does not contain), so the
/// row that holds them can be named.
/// </remarks>
internal sealed class CsvCellLimiter(TextReader inner, SheetLimits limits) : TextReader
{
    /// <summary>What the decoder puts in place of bytes that are not UTF-8.</summary>
    public const char NotUtf8 = '\uFFFF';

    private readonly char[] input = new char[1 << 16];
    private readonly char[] output = new char[(1 << 16) + 2];
    private readonly int keep = limits.MaxCellChars + 1;
    private int inputStart;
    private int inputEnd;
    private int outputStart;
    private int outputEnd;
    private bool ended;
    private Field state = Field.Start;
    private int fieldChars;
    private int rowChars;
    private int row = 1;
    private bool afterCarriageReturn;

    private enum Field
    {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    public override int Peek() => Fill() ? output[outputStart] : -1;

    public override int Read() => Fill() ? output[outputStart++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        return Take(buffer);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (outputStart == outputEnd && !ended)
        {
            if (inputStart == inputEnd)
            {
                inputEnd = await inner.ReadAsync(input, cancellationToken);
                inputStart = 0;
            }

            Process();
        }

        return Take(buffer.Span);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Take(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, outputEnd - outputStart);
        output.AsSpan(outputStart, count).CopyTo(buffer);
        outputStart += count;
        return count;
    }

    /// <summary>True when output is waiting; reads and processes input until some is, or the text ends.</summary>
    private bool Fill()
    {
        while (outputStart == outputEnd && !ended)
        {
            if (inputStart == inputEnd)
            {
                inputEnd = inner.Read(input);
                inputStart = 0;
            }

            Process();
        }

        return outputStart < outputEnd;
    }

    /// <summary>Turns the waiting input into output (at most one input buffer's worth: every character yields at most two).</summary>
    private void Process()
    {
        outputStart = 0;
        outputEnd = 0;
        if (inputEnd == 0)
        {
            // The end of the text closes a quote seen last (a closing quote cannot be told from an escaped one before).
            if (state == Field.QuoteInQuoted)
            {
                Emit('"');
            }

            ended = true;
            return;
        }

        while (inputStart < inputEnd && outputEnd < output.Length - 2)
        {
            Next(input[inputStart++]);
        }
    }

    private void Next(char c)
    {
        var lineFeedOfCrLf = c == '\n' && afterCarriageReturn;
        afterCarriageReturn = c == '\r';
        if (c == NotUtf8)
        {
            throw UnreadableSheet.Because($"Row {row} holds bytes that are not UTF-8 text. Save the sheet as \"CSV UTF-8\" and upload it again.");
        }

        switch (state)
        {
            case Field.Quoted:
                if (c == '"')
                {
                    state = Field.QuoteInQuoted;
                }
                else
                {
                    Content(c);
                }

                return;
            case Field.QuoteInQuoted when c == '"':
                // An escaped quote: one character of the field, two of the text, kept or dropped together.
                state = Field.Quoted;
                if (++fieldChars <= keep)
                {
                    Emit('"');
                    Emit('"');
                }

                return;
            case Field.QuoteInQuoted:
                Emit('"');
                state = Field.Unquoted;
                break;
            case Field.Start when c == '"':
                Emit('"');
                state = Field.Quoted;
                return;
        }

        // Outside quotes.
        if (c == ',')
        {
            Emit(c);
            StartField();
        }
        else if (c is '\r' or '\n')
        {
            Emit(c);
            StartField();
            if (!lineFeedOfCrLf)
            {
                row++;
                rowChars = 0;
            }
        }
        else
        {
            state = Field.Unquoted;
            Content(c);
        }
    }

    private void StartField()
    {
        state = Field.Start;
        fieldChars = 0;
    }

    private void Content(char c)
    {
        if (++fieldChars <= keep)
        {
            Emit(c);
        }
    }

    private void Emit(char c)
    {
        if (++rowChars > limits.MaxRowChars)
        {
            throw UnreadableSheet.Because($"Row {row} holds more than {limits.MaxRowChars:N0} characters in all its cells, the most a row may hold.");
        }

        output[outputEnd++] = c;
    }
}
