namespace CommitmentTracker.Tagging.Data;

/// <summary>A suggestion rule: data an admin changes through the API, without a redeploy.</summary>
internal sealed class SuggestionRule
{
    public required string Id { get; set; }
    public required string TagId { get; set; }
    /// <summary><see cref="RuleKind.Flag"/> or <see cref="RuleKind.Phrase"/>.</summary>
    public required string Kind { get; set; }
    public string? Language { get; set; }
    /// <summary>Phrases (or policy-area names for flag rules), one per line.</summary>
    public required string Phrases { get; set; }
    public double Confidence { get; set; }
    public bool Enabled { get; set; } = true;
    public int Version { get; set; } = 1;

    public IReadOnlyList<string> PhraseList => Phrases.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
