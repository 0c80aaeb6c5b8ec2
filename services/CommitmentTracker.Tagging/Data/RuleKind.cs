namespace CommitmentTracker.Tagging.Data;

/// <summary>What a <see cref="SuggestionRule"/> matches: OGP's policy-area flags or phrases in the text.</summary>
internal static class RuleKind
{
    public const string Flag = "flag";
    public const string Phrase = "phrase";
}
