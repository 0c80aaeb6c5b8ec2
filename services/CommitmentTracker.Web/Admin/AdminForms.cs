using System.Globalization;
using CommitmentTracker.Web.Forms;

namespace CommitmentTracker.Web.Admin;

/// <summary>What the admin pages' form posts share: lines of a text area, numbers as posted.</summary>
internal static class AdminForms
{
    /// <summary>A text area's lines, trimmed, blanks left out.</summary>
    public static List<string> Lines(IFormCollection form, string name) =>
        [.. (FormActions.Field(form, name) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A number field as a browser posts it (<c>input type=number</c> always sends a dot); false when it is there but unreadable.</summary>
    public static bool TryNumber(IFormCollection form, string name, out double? value)
    {
        value = null;
        if (FormActions.Field(form, name) is not { } typed || string.IsNullOrWhiteSpace(typed))
        {
            return true;
        }

        if (double.TryParse(typed.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }
}
