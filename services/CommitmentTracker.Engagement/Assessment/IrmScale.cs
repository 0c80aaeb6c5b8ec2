namespace CommitmentTracker.Engagement.Assessment;

/// <summary>
/// OGP's IRM values on 0–3 scales. Anything else — <c>NA</c>, <c>ND</c>, <c>NR</c>, <c>Not Applicable</c>, blank, a
/// value not listed — is "unknown" (null): never a zero, so an unreviewed commitment neither helps nor hurts.
/// </summary>
internal static class IrmScale
{
    private static readonly Dictionary<string, int> Completion = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Not Started"] = 0, ["Limited"] = 1, ["Substantial"] = 2, ["Complete"] = 3, ["Completed"] = 3,
    };

    // Potential impact (methodology until 2020) and potential for results (since 2021) on one ambition scale.
    private static readonly Dictionary<string, int> Ambition = new(StringComparer.OrdinalIgnoreCase)
    {
        ["None"] = 0, ["Minor"] = 1, ["Moderate"] = 2, ["Transformative"] = 3,
        ["Unclear"] = 0, ["Modest"] = 1, ["Substantial"] = 2,
    };

    // "Did it open government" (until 2020) and early results (since 2021) on one results scale.
    private static readonly Dictionary<string, int> Results = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Worsened"] = 0, ["Did Not Change"] = 0, ["No Notable Results"] = 0,
        ["Marginal"] = 1, ["Moderate Results"] = 2, ["Major"] = 2, ["Significant Results"] = 3, ["Outstanding"] = 3,
    };

    public const int Max = 3;

    public static int? CompletionLevel(string? value) => Level(Completion, value);

    public static int? AmbitionLevel(string? value) => Level(Ambition, value);

    public static int? ResultsLevel(string? value) => Level(Results, value);

    private static int? Level(Dictionary<string, int> scale, string? value) =>
        value is not null && scale.TryGetValue(value.Trim(), out var level) ? level : null;
}
