using System.Globalization;
using System.Text;

namespace CommitmentTracker.Benchmarks;

/// <summary>Order statistics of a sample. Percentiles are nearest-rank: p95 of 300 values is the 285th smallest.</summary>
internal sealed class Sample
{
    private readonly double[] sorted;

    public Sample(IEnumerable<double> values)
    {
        sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("An empty sample has no statistics.", nameof(values));
        }
    }

    public int Count => sorted.Length;

    public double Min => sorted[0];

    public double Max => sorted[^1];

    public double Mean => sorted.Average();

    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public double Median => sorted.Length % 2 == 1
        ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    public double Percentile(double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>A Markdown table with aligned columns, so it reads in a terminal as well as pasted into a document.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public Table Add(params object[] cells)
    {
        rows.Add([.. cells.Select(Format)]);
        return this;
    }

    public void Print()
    {
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(headers);
        text.Append('|').AppendJoin('|', widths.Select(width => new string('-', width + 2))).AppendLine("|");
        foreach (var row in rows)
        {
            Line(row);
        }

        Console.Write(text);

        void Line(IReadOnlyList<string> cells) =>
            text.Append("| ").AppendJoin(" | ", cells.Select((cell, column) => cell.PadRight(widths[column]))).AppendLine(" |");
    }

    /// <summary>Milliseconds with one decimal, rates as whole numbers, text as is; always invariant culture.</summary>
    private static string Format(object cell) => cell switch
    {
        double value => value.ToString("0.0", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };
}

internal static class Report
{
    public static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>1-, 5- and 15-minute load averages: the machine is shared, so every figure is printed with them.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]} {fields[1]} {fields[2]} (1/5/15 min) on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
    }
}
