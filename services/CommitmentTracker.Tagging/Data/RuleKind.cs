namespace CommitmentTracker.Tagging.Data;

/// <summary>
/// What a <see cref="SuggestionRule"/> matches: OGP's policy-area flags, phrases in the text (evidence for its tag), or
/// phrases that contradict OGP's flag for its tag (<see cref="Exclude"/>: e.g. a Public Procurement flag on a text about
/// mining licences).
/// </summary>
internal static class RuleKind
{
    public const string Flag = "flag";
    public const string Phrase = "phrase";
    public const string Exclude = "exclude";

    public static bool IsValid(string? kind) => kind is Flag or Phrase or Exclude;
}
