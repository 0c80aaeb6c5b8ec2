namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// Exported cells that a spreadsheet would run as a formula get a leading apostrophe: those starting with <c>= + - @</c>,
/// TAB or CR (OWASP's CSV injection list: a spreadsheet skips a leading TAB or CR and runs what follows);
/// imports remove exactly that apostrophe, so an export re-imports to the same values.
/// </summary>
/// <remarks>
/// The rule is recursive so it round-trips every value: a value that itself starts with an apostrophe followed by a
/// guarded value is guarded again. The one cost: an original cell spelled <c>'=…</c> imports as <c>=…</c>.
/// </remarks>
internal static class FormulaGuard
{
    public static bool NeedsGuard(ReadOnlySpan<char> value)
    {
        var i = 0;
        while (i < value.Length && value[i] == '\'')
        {
            i++;
        }

        return i < value.Length && value[i] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    public static string Neutralize(string value) => NeedsGuard(value) ? "'" + value : value;

    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && NeedsGuard(value.AsSpan(1)) ? value[1..] : value;
}
