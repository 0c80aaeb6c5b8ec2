using System.Globalization;
using CommitmentTracker.Contracts.Api;

namespace CommitmentTracker.Web.Components;

/// <summary>Numbers and dates in the person's culture (set per request from the language switch or Accept-Language).</summary>
internal static class Format
{
    public static string Score(double score) => score.ToString("0.#", CultureInfo.CurrentCulture);

    public static string Percent(double fraction) => fraction.ToString("P0", CultureInfo.CurrentCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset value) => value.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string DateTime(DateTimeOffset value) => value.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.CurrentCulture);

    public static string Date(DateOnly value) => value.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A sheet date as it reads, to its precision: a day, a month, a quarter or a year.</summary>
    public static string? Parsed(SheetDate date, Func<int, int, string> quarter)
    {
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(quarter);
        if (date.Date is not { } value)
        {
            return null;
        }

        return date.Precision switch
        {
            "year" => value.Year.ToString(CultureInfo.CurrentCulture),
            "quarter" => quarter((value.Month + 2) / 3, value.Year),
            "month" => value.ToString("MMMM yyyy", CultureInfo.CurrentCulture),
            _ => value.ToString("D", CultureInfo.CurrentCulture),
        };
    }

    /// <summary>Coordinates in SVG are always written with a dot, whatever the person's culture.</summary>
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
