using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Tagging.Data;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>What the rules look at: a commitment's title, full text and OGP's policy-area flags.</summary>
internal sealed record CommitmentText(string Title, string? FullText, IReadOnlyList<string> PolicyAreas)
{
    public const string TitleField = "title";
    public const string FullTextField = "fullText";
    public const string PolicyAreasField = "policyAreas";

    /// <summary>A stable hash of everything suggestions are computed from.</summary>
    public string Hash()
    {
        var text = string.Join('\u001f', [Title, FullText ?? string.Empty, .. PolicyAreas.Order(StringComparer.Ordinal)]);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>A tag the rules suggest, its confidence (0..1) and every piece of evidence.</summary>
internal sealed record ComputedSuggestion(string Tag, double Confidence, IReadOnlyList<SuggestionEvidence> Evidence);

/// <summary>
/// The enabled rules, compiled once per rule set. Flag rules match OGP's policy-area flags by name; phrase rules match
/// whole words in the title and full text, ignoring case and accents (a trailing <c>*</c> matches any ending). A tag's
/// confidence combines the confidences of the rules that matched it: 1 − Π(1 − cᵢ), at most 0.99.
/// </summary>
internal sealed partial class SuggestionEngine
{
    private const int MaxMatchesPerField = 5;
    private const double MaxConfidence = 0.99;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<char, string> AccentClasses = new()
    {
        ['a'] = "[aáàâãäå]", ['e'] = "[eéèêë]", ['i'] = "[iíìîï]", ['o'] = "[oóòôõö]", ['u'] = "[uúùûü]",
        ['c'] = "[cç]", ['n'] = "[nñ]", ['е'] = "[её]",
    };

    private readonly List<CompiledRule> rules;

    public SuggestionEngine(IEnumerable<SuggestionRule> ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        rules = [.. ruleSet.Where(r => r.Enabled).OrderBy(r => r.Id, StringComparer.Ordinal).Select(Compile)];
    }

    public int RuleCount => rules.Count;

    /// <summary>Every tag the rules suggest for <paramref name="text"/>, highest confidence first.</summary>
    public IReadOnlyList<ComputedSuggestion> Suggest(CommitmentText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byTag = new Dictionary<string, (double Miss, List<SuggestionEvidence> Evidence)>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var evidence = rule.Match(text);
            if (evidence.Count == 0)
            {
                continue;
            }

            var entry = byTag.TryGetValue(rule.Tag, out var found) ? found : (1.0, new List<SuggestionEvidence>());
            entry.Item2.AddRange(evidence);
            byTag[rule.Tag] = (entry.Item1 * (1 - rule.Confidence), entry.Item2);
        }

        return
        [
            .. byTag
                .Select(p => new ComputedSuggestion(p.Key, Math.Round(Math.Min(MaxConfidence, 1 - p.Value.Miss), 2), p.Value.Evidence))
                .OrderByDescending(s => s.Confidence).ThenBy(s => s.Tag, StringComparer.Ordinal),
        ];
    }

    /// <summary>The reason a phrase cannot be a rule, or null when it can.</summary>
    public static string? Validate(string phrase)
    {
        if (string.IsNullOrWhiteSpace(phrase) || phrase.Length > 200)
        {
            return "Every phrase must have 1 to 200 characters.";
        }

        return phrase.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.Contains('*', StringComparison.Ordinal) && (w == "*" || w.IndexOf('*', StringComparison.Ordinal) < w.Length - 1))
            ? $"'{phrase}': '*' is only allowed at the end of a word (after at least one letter)."
            : null;
    }

    private static CompiledRule Compile(SuggestionRule rule)
    {
        var phrases = rule.PhraseList;
        if (rule.Kind == RuleKind.Flag)
        {
            return new CompiledRule(rule.Id, rule.TagId, rule.Confidence, null, phrases);
        }

        var pattern = $"(?<![\\p{{L}}\\p{{N}}])(?:{string.Join('|', phrases.OrderByDescending(p => p.Length).Select(ToPattern))})(?![\\p{{L}}\\p{{N}}])";
        var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        return new CompiledRule(rule.Id, rule.TagId, rule.Confidence, regex, phrases);
    }

    /// <summary>Words separated by any whitespace; accented and plain letters alike; '-' optional; '*' any word ending.</summary>
    internal static string ToPattern(string phrase)
    {
        var pattern = new StringBuilder();
        var words = phrase.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                pattern.Append(@"\s+");
            }

            foreach (var ch in words[w].ToLowerInvariant())
            {
                if (ch == '*')
                {
                    pattern.Append(@"[\p{L}\p{N}]*");
                }
                else if (ch == '-')
                {
                    pattern.Append(@"[-‐\s]?");
                }
                else if (ch is '\'' or '’')
                {
                    pattern.Append("['’]");
                }
                else
                {
                    var plain = ch.ToString().Normalize(NormalizationForm.FormD)[0];
                    pattern.Append(AccentClasses.TryGetValue(plain, out var cls) ? cls : Regex.Escape(ch.ToString()));
                }
            }
        }

        return pattern.ToString();
    }

    private sealed record CompiledRule(string Id, string Tag, double Confidence, Regex? Regex, IReadOnlyList<string> Flags)
    {
        public List<SuggestionEvidence> Match(CommitmentText text)
        {
            var evidence = new List<SuggestionEvidence>();
            if (Regex is null)
            {
                foreach (var flag in Flags)
                {
                    var set = text.PolicyAreas.FirstOrDefault(a => string.Equals(a, flag, StringComparison.OrdinalIgnoreCase));
                    if (set is not null)
                    {
                        evidence.Add(new SuggestionEvidence(Id, CommitmentText.PolicyAreasField, set));
                    }
                }

                return evidence;
            }

            AddMatches(evidence, CommitmentText.TitleField, text.Title);
            AddMatches(evidence, CommitmentText.FullTextField, text.FullText);
            return evidence;
        }

        private void AddMatches(List<SuggestionEvidence> evidence, string field, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var match = Regex!.Match(value); match.Success && seen.Count < MaxMatchesPerField; match = match.NextMatch())
            {
                var words = Whitespace().Replace(match.Value, " ");
                if (seen.Add(words))
                {
                    evidence.Add(new SuggestionEvidence(Id, field, words));
                }
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    internal static string Describe(double confidence) => confidence.ToString("0.00", CultureInfo.InvariantCulture);
}
