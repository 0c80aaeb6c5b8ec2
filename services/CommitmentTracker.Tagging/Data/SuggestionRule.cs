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
    /// <summary>Phrases one of which must stand within <see cref="Window"/> words of a match (same sentence), one per line; none: no condition.</summary>
    public string Requires { get; set; } = string.Empty;
    /// <summary>Phrases none of which may stand within <see cref="Window"/> words of a match (same sentence), one per line.</summary>
    public string Excludes { get; set; } = string.Empty;
    /// <summary>How many words may stand between a match and a required or excluding phrase.</summary>
    public int Window { get; set; } = DefaultWindow;
    public double Confidence { get; set; }
    public bool Enabled { get; set; } = true;
    public int Version { get; set; } = 1;

    public const int DefaultWindow = 6;

    public IReadOnlyList<string> PhraseList => Lines(Phrases);

    public IReadOnlyList<string> RequiresList => Lines(Requires);

    public IReadOnlyList<string> ExcludesList => Lines(Excludes);

    private static string[] Lines(string value) => value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
