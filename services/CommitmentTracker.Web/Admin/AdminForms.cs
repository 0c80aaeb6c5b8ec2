using System.Globalization;
using CommitmentTracker.Web.Forms;

namespace CommitmentTracker.Web.Admin;

/// <summary>What the admin pages' form posts share: lines of a text area, numbers as posted, the form kept as posted.</summary>
internal static class AdminForms
{
    private const string TokenField = "__RequestVerificationToken";

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

    /// <summary>The form as posted, without messages: a preview shows it again filled in.</summary>
    public static PostedForm Kept(string formId, IFormCollection form) =>
        new(formId, form.Where(f => f.Key != TokenField).ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal), new Dictionary<string, string[]>());
}
