using CommitmentTracker.ActionPlans.Sheets;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>Settings under <c>Imports</c>.</summary>
internal sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Where uploaded and downloaded files wait for the import worker (they are deleted afterwards).</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "commitment-tracker", "imports");

    /// <summary>
    /// How long a succeeded dry run's file is kept, so the dry run can be applied without uploading it again
    /// (<c>POST /api/imports/{id}/apply</c>); applying it uses it up (default one day).
    /// </summary>
    public TimeSpan DryRunFileRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest file accepted, uploaded or pulled (default 200 MB).</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The longest cell accepted; a longer one rejects its row (readers cut it there, so it costs no more memory).</summary>
    public int MaxCellChars { get; set; } = SheetLimits.Default.MaxCellChars;

    /// <summary>The most characters a CSV row may hold in all its cells; a longer row rejects the file.</summary>
    public int MaxRowChars { get; set; } = SheetLimits.Default.MaxRowChars;

    /// <summary>The most bytes an XLSX workbook may uncompress to (default 2 GiB: read as a stream, never held).</summary>
    public long MaxUncompressedBytes { get; set; } = SheetLimits.Default.MaxUncompressedBytes;

    /// <summary>The most parts (zip entries) an XLSX workbook may hold.</summary>
    public int MaxWorkbookParts { get; set; } = SheetLimits.Default.MaxParts;

    /// <summary>The most entries in an XLSX workbook's shared string table, which is held in memory while a sheet is read.</summary>
    public int MaxSharedStrings { get; set; } = SheetLimits.Default.MaxSharedStrings;

    /// <summary>The most characters in an XLSX workbook's shared string table.</summary>
    public long MaxSharedStringChars { get; set; } = SheetLimits.Default.MaxSharedStringChars;

    /// <summary>The limits the sheet readers apply.</summary>
    public SheetLimits SheetLimits => new()
    {
        MaxCellChars = MaxCellChars,
        MaxRowChars = MaxRowChars,
        MaxUncompressedBytes = MaxUncompressedBytes,
        MaxParts = MaxWorkbookParts,
        MaxSharedStrings = MaxSharedStrings,
        MaxSharedStringChars = MaxSharedStringChars,
    };

    /// <summary>
    /// Rows compared and staged together. Each row a batch holds is several copies of its cells (read, stored JSON,
    /// event), so the batch sets much of an import's memory: with 250, a 20 000-row import of real-size rows peaked
    /// under 400 MB in 24 of 25 runs, no slower (docs/benchmarks.md); a larger batch saves round trips to a networked database.
    /// </summary>
    public int BatchSize { get; set; } = 250;

    /// <summary>
    /// On SQLite, insert new commitments, their versions and events with prepared statements instead of EF's
    /// <c>SaveChanges</c> (several times faster; the same rows). Other providers always use EF's batches.
    /// </summary>
    public bool BulkInsert { get; set; } = true;

    /// <summary>Row errors stored per import (all are counted).</summary>
    public int MaxStoredRowErrors { get; set; } = 1000;

    /// <summary>
    /// How long a running import's job stays its runner's without a renewal (default 30 s). When an instance dies
    /// mid-import, another one takes the job once this has passed; the sweep for such jobs runs this often too.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running import renews its lease (default 10 s); at most half of <see cref="LeaseDuration"/>.</summary>
    public TimeSpan LeaseRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the scheduler looks for sources that are due.</summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sources an admin configured by name: imported on request (<c>POST /api/imports</c> with <c>{"source":"name"}</c>) and on their schedule.</summary>
    public Dictionary<string, ImportSourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A file OGP publishes at a URL, e.g. the commitment sheet's CSV export.</summary>
internal sealed class ImportSourceOptions
{
    /// <summary>http or https only.</summary>
    public Uri? Url { get; set; }

    /// <summary>How often to pull; none means on request only. At least five minutes.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>The largest download accepted; defaults to <see cref="ImportOptions.MaxFileBytes"/>.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>How long a download may take (default two minutes).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}

internal sealed class ImportOptionsValidator : IValidateOptions<ImportOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.WorkDirectory))
        {
            failures.Add("Setting 'Imports:WorkDirectory' (env Imports__WorkDirectory) must name a folder.");
        }

        if (options.MaxFileBytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            failures.Add("Setting 'Imports:MaxFileBytes' must be between 1 KB and 4 GB.");
        }

        if (options.DryRunFileRetention < TimeSpan.FromMinutes(1) || options.DryRunFileRetention > TimeSpan.FromDays(30))
        {
            failures.Add("Setting 'Imports:DryRunFileRetention' must be between 00:01:00 and 30.00:00:00.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add("Setting 'Imports:BatchSize' must be between 1 and 10000.");
        }

        if (options.MaxCellChars is < 1000)
        {
            failures.Add("Setting 'Imports:MaxCellChars' must be at least 1000.");
        }

        if (options.MaxRowChars < options.MaxCellChars || options.MaxRowChars > 256 * 1024 * 1024)
        {
            failures.Add("Setting 'Imports:MaxRowChars' must be at least 'Imports:MaxCellChars' and at most 268435456.");
        }

        if (options.MaxUncompressedBytes is < 1024 * 1024)
        {
            failures.Add("Setting 'Imports:MaxUncompressedBytes' must be at least 1 MB.");
        }

        if (options.MaxWorkbookParts is < 3 or > 100_000)
        {
            failures.Add("Setting 'Imports:MaxWorkbookParts' must be between 3 and 100000.");
        }

        if (options.MaxSharedStrings < 1 || options.MaxSharedStringChars < options.MaxCellChars)
        {
            failures.Add("Settings 'Imports:MaxSharedStrings' must be at least 1 and 'Imports:MaxSharedStringChars' at least 'Imports:MaxCellChars'.");
        }

        if (options.MaxStoredRowErrors is < 1)
        {
            failures.Add("Setting 'Imports:MaxStoredRowErrors' must be at least 1.");
        }

        if (options.SchedulerTick < TimeSpan.FromMilliseconds(10) || options.SchedulerTick > TimeSpan.FromHours(1))
        {
            failures.Add("Setting 'Imports:SchedulerTick' must be between 00:00:00.010 and 01:00:00.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            failures.Add("Setting 'Imports:LeaseDuration' must be between 00:00:01 and 01:00:00.");
        }

        if (options.LeaseRenewal < TimeSpan.FromMilliseconds(10) || options.LeaseRenewal * 2 > options.LeaseDuration)
        {
            failures.Add("Setting 'Imports:LeaseRenewal' must be at least 00:00:00.010 and at most half of 'Imports:LeaseDuration'.");
        }

        foreach (var (source, settings) in options.Sources)
        {
            var key = $"Imports:Sources:{source}";
            if (settings.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"Setting '{key}:Url' must be an absolute http or https URL.");
            }

            if (settings.Interval is { } interval && interval < TimeSpan.FromMinutes(5))
            {
                failures.Add($"Setting '{key}:Interval' must be at least 00:05:00 (or absent for pulls on request only).");
            }

            if (settings.MaxBytes is < 1024)
            {
                failures.Add($"Setting '{key}:MaxBytes' must be at least 1 KB.");
            }

            if (settings.Timeout <= TimeSpan.Zero || settings.Timeout > TimeSpan.FromHours(1))
            {
                failures.Add($"Setting '{key}:Timeout' must be between 00:00:01 and 01:00:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
