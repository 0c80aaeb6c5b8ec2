using System.Diagnostics;
using System.Globalization;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// The least any import must do (issue 21): Python's sqlite3 reading the sheet and writing each commitment's non-empty
/// cells as one JSON row, in one transaction, with the service's settings (WAL, synchronous=NORMAL). Timed inside
/// Python, from opening the file to the commit, so the interpreter's start does not count.
/// </summary>
internal static class StorageFloor
{
    public const string Description = "python3 sqlite3: csv.reader → json.dumps of the non-empty cells → one INSERT per row, one transaction, WAL, synchronous=NORMAL";

    private const string Script = """
        import csv, json, sqlite3, sys, time
        csv.field_size_limit(sys.maxsize)
        sheet, database = sys.argv[1], sys.argv[2]
        started = time.perf_counter()
        connection = sqlite3.connect(database, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("CREATE TABLE Commitments (Id TEXT PRIMARY KEY, Cells TEXT NOT NULL)")
        with open(sheet, newline="", encoding="utf-8-sig") as file:
            rows = csv.reader(file)
            header = next(rows)
            key = header.index("Commitment Unique Identifier")
            connection.execute("BEGIN")
            for row in rows:
                cells = {name: value for name, value in zip(header, row) if value}
                connection.execute("INSERT INTO Commitments VALUES (?, ?)", (row[key], json.dumps(cells, ensure_ascii=False)))
            connection.execute("COMMIT")
        connection.close()
        print(time.perf_counter() - started)
        """;

    public static async Task<TimeSpan> MeasureAsync(string sheetPath)
    {
        var work = Directory.CreateTempSubdirectory("ct-bench-floor-");
        try
        {
            var script = Path.Combine(work.FullName, "floor.py");
            await File.WriteAllTextAsync(script, Script);
            var start = new ProcessStartInfo("python3", [script, sheetPath, Path.Combine(work.FullName, "floor.db")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The storage floor's python3 exited with {process.ExitCode}: {await error}");
            }

            return TimeSpan.FromSeconds(double.Parse((await output).Trim(), CultureInfo.InvariantCulture));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

/// <summary>The machine's load average (1, 5, 15 minutes), from /proc/loadavg, printed with every figure.</summary>
internal static class LoadAverage
{
    public static string Now
    {
        get
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
    }
}
