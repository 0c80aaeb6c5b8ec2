using System.Globalization;
using System.Text.RegularExpressions;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>How much of a parsed date the sheet actually said.</summary>
internal enum DatePrecision
{
    Day,
    Month,
    Quarter,
    Year,
}

internal readonly record struct ParsedDate(DateOnly Date, DatePrecision Precision);

/// <summary>
/// Reads the sheet's mixed dates: <c>1/1/2018</c>, <c>31/12/2016</c>, <c>11/1/18</c>, <c>April 2012</c>,
/// <c>Quarter 1 2019</c>, <c>2019</c>, <c>2019-03-01</c>. The raw text is always kept next to the parsed date.
/// </summary>
/// <remarks>
/// Slashed dates are month-first (OGP's export is US-formatted) unless the first number cannot be a month; a row's start
/// and end dates are read the same way, so <c>1/3/2015</c> next to <c>31/12/2016</c> is 1 March.
/// </remarks>
internal static partial class OgpDate
{
    public static (ParsedDate? Start, ParsedDate? End) ParsePair(string? start, string? end)
    {
        var dayFirst = IsDayFirst(start) || IsDayFirst(end);
        return (Parse(start, dayFirst), Parse(end, dayFirst));
    }

    public static ParsedDate? Parse(string? raw, bool dayFirst = false)
    {
        if (string.IsNullOrWhiteSpace(raw) || Cells.StateOf(raw) != CellState.Value)
        {
            return null;
        }

        var text = raw.Trim();
        if (Slashed().Match(text) is { Success: true } slashed)
        {
            var first = int.Parse(slashed.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            var second = int.Parse(slashed.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            var year = FullYear(slashed.Groups[3].Value);
            var (month, day) = dayFirst || first > 12 ? (second, first) : (first, second);
            return Create(year, month, day, DatePrecision.Day);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return new ParsedDate(iso, DatePrecision.Day);
        }

        if (Quarter().Match(text) is { Success: true } quarter)
        {
            var q = int.Parse(quarter.Groups["q"].ValueSpan, CultureInfo.InvariantCulture);
            return q is >= 1 and <= 4 ? Create(int.Parse(quarter.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), (q * 3) - 2, 1, DatePrecision.Quarter) : null;
        }

        if (MonthYear().Match(text) is { Success: true } monthYear && MonthNumber(monthYear.Groups["m"].Value) is { } m)
        {
            return Create(int.Parse(monthYear.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), m, 1, DatePrecision.Month);
        }

        if (YearOnly().IsMatch(text))
        {
            return Create(int.Parse(text, CultureInfo.InvariantCulture), 1, 1, DatePrecision.Year);
        }

        return DateOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var other)
            ? new ParsedDate(other, DatePrecision.Day)
            : null;
    }

    private static bool IsDayFirst(string? raw) =>
        raw is not null && Slashed().Match(raw.Trim()) is { Success: true } m && int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) > 12;

    private static int FullYear(string year)
    {
        var value = int.Parse(year, CultureInfo.InvariantCulture);
        // Two-digit years are this century: OGP was founded in 2011.
        return year.Length == 2 ? 2000 + value : value;
    }

    private static ParsedDate? Create(int year, int month, int day, DatePrecision precision) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new ParsedDate(new DateOnly(year, month, day), precision)
            : null;

    private static int? MonthNumber(string name)
    {
        var names = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var i = 0; i < 12; i++)
        {
            if (string.Equals(name, names.MonthNames[i], StringComparison.OrdinalIgnoreCase)
                || string.Equals(name.TrimEnd('.'), names.AbbreviatedMonthNames[i], StringComparison.OrdinalIgnoreCase)
                || (name.Length >= 4 && names.MonthNames[i].StartsWith(name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
            {
                return i + 1;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"^(?:Quarter|Q)\s*(?<q>\d)[\s,]+(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^(?<m>[A-Za-z]+\.?),?\s+(?<y>\d{4})$")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearOnly();
}
