namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// What reading one sheet may cost. A cell longer than <see cref="MaxCellChars"/> is cut one character past it by the
/// reader, so its row is rejected while the rest of the file imports; crossing any other limit rejects the file.
/// </summary>
internal sealed record SheetLimits
{
    public static readonly SheetLimits Default = new();

    /// <summary>The longest cell, in characters.</summary>
    public int MaxCellChars { get; init; } = 200_000;

    /// <summary>The most characters one CSV row may hold in all its cells together.</summary>
    public int MaxRowChars { get; init; } = 16 * 1024 * 1024;

    /// <summary>The most bytes an XLSX workbook may uncompress to, all parts together.</summary>
    public long MaxUncompressedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The most parts (zip entries) an XLSX workbook may hold.</summary>
    public int MaxParts { get; init; } = 1000;

    /// <summary>The most entries in an XLSX workbook's shared string table (held in memory while the sheet is read).</summary>
    public int MaxSharedStrings { get; init; } = 2_000_000;

    /// <summary>The most characters an XLSX workbook's shared string table may hold in total.</summary>
    public long MaxSharedStringChars { get; init; } = 50_000_000;
}

/// <summary>
/// Why a sheet cannot be read, in words for the person who uploaded it: an <see cref="InvalidDataException"/> (what
/// the import expects) marked as ours, so readers pass it through while rewording the framework's.
/// </summary>
internal static class UnreadableSheet
{
    private const string Marker = "CommitmentTracker.UnreadableSheet";

    /// <param name="message">What the uploader reads.</param>
    /// <param name="cause">The framework's exception, kept for the log (never shown to the caller).</param>
    public static InvalidDataException Because(string message, Exception? cause = null)
    {
        var e = new InvalidDataException(message, cause);
        e.Data[Marker] = true;
        return e;
    }

    public static bool IsOurs(Exception e) => e.Data.Contains(Marker);
}
