namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// What a tag's evidence comes to, the cell of the calibration its confidence is read from. Strong text stands in the
/// title or the objective, medium text in the body, weak text in the milestones or the OGP-values boilerplate.
/// </summary>
internal static class EvidenceKinds
{
    /// <summary>OGP's flag and strong text, or medium text that nothing contradicts.</summary>
    public const string FlagAndText = "flag+text";
    /// <summary>OGP's flag, no text beyond weak.</summary>
    public const string Flag = "flag";
    /// <summary>OGP's flag on a text an exclude rule says is about something else (e.g. Public Procurement on mining licences), and no strong text.</summary>
    public const string FlagContradicted = "flag-contradicted";
    /// <summary>No flag; strong text.</summary>
    public const string Text = "text";
    /// <summary>No flag; medium text only.</summary>
    public const string BodyText = "body-text";
    /// <summary>No flag; weak text only.</summary>
    public const string WeakText = "weak-text";

    public static readonly string[] All = [FlagAndText, Flag, FlagContradicted, Text, BodyText, WeakText];

    /// <summary>The kind of the evidence, or null when there is none.</summary>
    public static string? Of(bool flagged, bool contradicted, TextPart.Strength text) => (flagged, text) switch
    {
        (true, TextPart.Strength.Strong) => FlagAndText,
        (true, TextPart.Strength.Medium) when !contradicted => FlagAndText,
        (true, _) when contradicted => FlagContradicted,
        (true, _) => Flag,
        (false, TextPart.Strength.Strong) => Text,
        (false, TextPart.Strength.Medium) => BodyText,
        (false, TextPart.Strength.Weak) => WeakText,
        _ => null,
    };
}
