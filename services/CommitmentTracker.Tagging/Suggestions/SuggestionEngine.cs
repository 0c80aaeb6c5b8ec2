using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Tagging.Data;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// What the rules found for one tag: the kind of its evidence (the calibration cell), the rule that decided it, the
/// admin's estimate from the rules' own confidences, and every piece of evidence. The estimate is 1 − Π(1 − cᵢ·wᵢ) over
/// the rules that matched: cᵢ is the rule's (or mapping's) confidence, wᵢ where its strongest match stands
/// (<see cref="TextPart.Weight"/>; a flag weighs 1, or <see cref="SuggestionEngine.ContradictedFlagWeight"/> when an exclude rule matched).
/// </summary>
internal sealed record TagFinding(string Tag, string EvidenceKind, string PrimaryRule, double RuleConfidence, IReadOnlyList<SuggestionEvidence> Evidence);

/// <summary>What one rule matched in one text: how many matches counted, and the evidence shown (at most 5 distinct words per field).</summary>
internal sealed record RuleMatches(string Rule, string Tag, int Count, IReadOnlyList<SuggestionEvidence> Evidence);

/// <summary>A tag the rules suggest, its calibrated confidence (0..1) and how it was derived.</summary>
internal sealed record ComputedSuggestion(string Tag, double Confidence, IReadOnlyList<SuggestionEvidence> Evidence, string EvidenceKind, string PrimaryRule, Contracts.Api.SuggestionCalibration Calibration);

/// <summary>
/// The enabled rules and the policy-area mappings, compiled once per rule set. For each tag it collects OGP's flag
/// (a mapped policy-area column that is set), phrase matches that survive their context (where each stands: see
/// <see cref="TextParts"/>), and contradicting phrases (<see cref="RuleKind.Exclude"/>), and sums them up as an
/// <see cref="EvidenceKinds">evidence kind</see>. It says nothing about confidence: the calibration does.
/// </summary>
internal sealed class SuggestionEngine
{
    public const double ContradictedFlagWeight = 0.3;
    private const int MaxMatchesPerField = 5;

    private readonly List<CompiledRule> rules;
    private readonly List<(string Tag, string Rule, IReadOnlyList<string> PolicyAreas, double Confidence)> flags;

    public SuggestionEngine(IEnumerable<SuggestionRule> ruleSet, IEnumerable<PolicyAreaMapping>? mappings = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var enabled = ruleSet.Where(r => r.Enabled).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        rules = [.. enabled.Where(r => r.Kind != RuleKind.Flag).Select(r => new CompiledRule(r))];
        flags =
        [
            .. (mappings ?? []).OrderBy(m => m.TagId, StringComparer.Ordinal).Where(m => m.PolicyAreaList.Count > 0)
                .Select(m => (m.TagId, FlagRule(m.TagId), m.PolicyAreaList, m.Confidence)),
            .. enabled.Where(r => r.Kind == RuleKind.Flag).Select(r => (r.TagId, r.Id, r.PhraseList, r.Confidence)),
        ];
    }

    public int RuleCount => rules.Count + flags.Count;

    /// <summary>The evidence id of a tag's policy-area mapping, e.g. <c>flag-open-contracting</c>.</summary>
    public static string FlagRule(string tag) => $"flag-{tag}";

    /// <summary>Every tag the rules suggest, rated by <paramref name="calibration"/> (none: the rules' own confidences), highest confidence first.</summary>
    public IReadOnlyList<ComputedSuggestion> Suggest(CommitmentText text, CalibrationTable? calibration = null) =>
        [.. Find(text).Select((calibration ?? CalibrationTable.Empty).Rate).OrderByDescending(s => s.Confidence).ThenBy(s => s.Tag, StringComparer.Ordinal)];

    /// <summary>
    /// <see cref="Find(CommitmentText)"/> for each of <paramref name="texts"/>, on every core: the rules are read-only
    /// once compiled, and a batch of an import's commitments is otherwise matched on one thread while the others idle.
    /// </summary>
    public IReadOnlyDictionary<CommitmentText, IReadOnlyList<TagFinding>> FindAll(IReadOnlyList<CommitmentText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var found = new IReadOnlyList<TagFinding>[texts.Count];
        Parallel.For(0, texts.Count, i => found[i] = Find(texts[i]));
        var byText = new Dictionary<CommitmentText, IReadOnlyList<TagFinding>>(texts.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < texts.Count; i++)
        {
            byText[texts[i]] = found[i];
        }

        return byText;
    }

    /// <summary>Every tag with evidence, ordered by tag.</summary>
    public IReadOnlyList<TagFinding> Find(CommitmentText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = TextParts.Split(text);
        var byTag = new SortedDictionary<string, Collected>(StringComparer.Ordinal);
        Collected For(string tag) => byTag.TryGetValue(tag, out var found) ? found : byTag[tag] = new Collected();

        foreach (var (tag, rule, areas, confidence) in flags)
        {
            if (areas.FirstOrDefault(a => text.PolicyAreas.Contains(a, StringComparer.OrdinalIgnoreCase)) is { } set)
            {
                var collected = For(tag);
                collected.Flags.Add((rule, confidence, new SuggestionEvidence(rule, CommitmentText.PolicyAreasField, set)));
            }
        }

        // Built on first use and only by this call: no lock.
        var words = segments.Select(s => new Lazy<SegmentWords>(() => new SegmentWords(s.Text), LazyThreadSafetyMode.None)).ToList();
        var indexes = segments.Select(s => new Lazy<SegmentIndex>(() => new SegmentIndex(s.Text), LazyThreadSafetyMode.None)).ToList();
        foreach (var rule in rules)
        {
            var matches = rule.Match(segments, words, indexes);
            if (matches.Count == 0)
            {
                continue;
            }

            var collected = For(rule.Tag);
            if (rule.Kind == RuleKind.Exclude)
            {
                if (matches.Any(m => TextPart.StrengthOf(m.Part) >= TextPart.Strength.Medium))
                {
                    collected.Contradictions.Add((rule, matches));
                }
            }
            else
            {
                collected.Text.Add((rule, matches));
            }
        }

        return [.. byTag.Select(p => Summarise(p.Key, p.Value)).OfType<TagFinding>()];
    }

    /// <summary>
    /// What each rule of the set matches in <paramref name="text"/> by itself, as <see cref="Find"/> collects it (a flag
    /// that is set; phrase matches that survive their context, at most 5 distinct words per field shown; contradicting
    /// phrases where they weigh at least as the body). A rule's preview runs its own set through this before it is saved.
    /// </summary>
    public IReadOnlyList<RuleMatches> MatchesOf(CommitmentText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<RuleMatches>();
        foreach (var (tag, rule, areas, _) in flags)
        {
            if (areas.FirstOrDefault(a => text.PolicyAreas.Contains(a, StringComparer.OrdinalIgnoreCase)) is { } set)
            {
                found.Add(new RuleMatches(rule, tag, 1, [new SuggestionEvidence(rule, CommitmentText.PolicyAreasField, set)]));
            }
        }

        var segments = TextParts.Split(text);
        // Built on first use and only by this call: no lock.
        var words = segments.Select(s => new Lazy<SegmentWords>(() => new SegmentWords(s.Text), LazyThreadSafetyMode.None)).ToList();
        var indexes = segments.Select(s => new Lazy<SegmentIndex>(() => new SegmentIndex(s.Text), LazyThreadSafetyMode.None)).ToList();
        foreach (var rule in rules)
        {
            var matches = rule.Match(segments, words, indexes);
            if (matches.Count == 0 || (rule.Kind == RuleKind.Exclude && !matches.Any(m => TextPart.StrengthOf(m.Part) >= TextPart.Strength.Medium)))
            {
                continue;
            }

            found.Add(new RuleMatches(rule.Id, rule.Tag, matches.Count, [.. matches.Select(m => m.Evidence).OfType<SuggestionEvidence>()]));
        }

        return found;
    }

    private static TagFinding? Summarise(string tag, Collected collected)
    {
        var strength = collected.Text.SelectMany(t => t.Matches).Select(m => TextPart.StrengthOf(m.Part)).DefaultIfEmpty(TextPart.Strength.None).Max();
        var flagged = collected.Flags.Count > 0;
        var contradicted = collected.Contradictions.Count > 0;
        var kind = EvidenceKinds.Of(flagged, contradicted, strength);
        if (kind is null)
        {
            return null;
        }

        // The rule that decided the kind: the strongest text match (then the most confident rule), else the contradiction, else the flag.
        var strongestText = collected.Text
            .Select(t => (t.Rule, Strength: t.Matches.Max(m => TextPart.StrengthOf(m.Part))))
            .OrderByDescending(t => t.Strength).ThenByDescending(t => t.Rule.Confidence).ThenBy(t => t.Rule.Id, StringComparer.Ordinal)
            .Select(t => t.Rule.Id).FirstOrDefault();
        var primary = kind switch
        {
            EvidenceKinds.FlagContradicted => collected.Contradictions[0].Rule.Id,
            EvidenceKinds.Flag => collected.Flags[0].Rule,
            _ => strongestText ?? collected.Flags[0].Rule,
        };

        var miss = 1.0;
        var flagWeight = contradicted ? ContradictedFlagWeight : 1;
        foreach (var weighted in collected.Flags.Select(f => f.Confidence * flagWeight)
                     .Concat(collected.Text.Select(t => t.Rule.Confidence * TextPart.Weight(t.Matches.Max(m => TextPart.StrengthOf(m.Part))))))
        {
            miss *= 1 - weighted;
        }

        IReadOnlyList<SuggestionEvidence> evidence =
        [
            .. collected.Flags.Select(f => f.Evidence),
            .. collected.Text.SelectMany(t => t.Matches.Select(m => m.Evidence).OfType<SuggestionEvidence>()),
            .. collected.Contradictions.SelectMany(t => t.Matches.Select(m => m.Evidence).OfType<SuggestionEvidence>()),
        ];
        return new TagFinding(tag, kind, primary, 1 - miss, evidence);
    }

    private sealed class Collected
    {
        public List<(string Rule, double Confidence, SuggestionEvidence Evidence)> Flags { get; } = [];
        public List<(CompiledRule Rule, List<RuleMatch> Matches)> Text { get; } = [];
        public List<(CompiledRule Rule, List<RuleMatch> Matches)> Contradictions { get; } = [];
    }

    private sealed record RuleMatch(string Part, SuggestionEvidence? Evidence);

    private sealed class CompiledRule(SuggestionRule rule)
    {
        private readonly PhraseSet phrases = PhraseSet.Create(rule.PhraseList) ?? throw new InvalidOperationException($"Rule {rule.Id} has no phrase.");
        private readonly PhraseSet? requires = PhraseSet.Create(rule.RequiresList);
        private readonly PhraseSet? excludes = PhraseSet.Create(rule.ExcludesList);

        public string Id { get; } = rule.Id;
        public string Tag { get; } = rule.TagId;
        public string Kind { get; } = rule.Kind;
        public double Confidence { get; } = rule.Confidence;

        /// <summary>
        /// Matches in the parts that may be evidence, each kept only if its context allows (at most 5 distinct per field).
        /// A segment without the words a phrase needs is skipped before its regular expression runs (<see cref="PhraseSet.MayMatch"/>).
        /// </summary>
        public List<RuleMatch> Match(IReadOnlyList<TextSegment> segments, List<Lazy<SegmentWords>> words, List<Lazy<SegmentIndex>> indexes)
        {
            var found = new List<RuleMatch>();
            var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                if (!TextPart.IsEvidence(segment.Part) || segment.Text.Length == 0)
                {
                    continue;
                }

                // The segment's words decide cheaply whether the phrases (and a required context) can be there at all.
                if (!phrases.MayMatch(indexes[i].Value) || (requires is not null && !requires.MayMatch(indexes[i].Value)))
                {
                    continue;
                }

                var field = segment.Part == TextPart.Title ? CommitmentText.TitleField : CommitmentText.FullTextField;
                var distinct = seen.TryGetValue(field, out var set) ? set : seen[field] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var match in phrases.Matches(segment.Text))
                {
                    var (start, end) = (match.Index, match.Index + match.Length);
                    if (excludes is not null && words[i].Value.Near(start, end, excludes, rule.Window))
                    {
                        continue;
                    }

                    if (requires is not null && !words[i].Value.Near(start, end, requires, rule.Window))
                    {
                        continue;
                    }

                    // Every match counts for where it stands; at most 5 distinct words per field are shown as evidence.
                    var written = PhraseSet.Words(match.Value);
                    var shown = distinct.Count < MaxMatchesPerField && distinct.Add(written);
                    found.Add(new RuleMatch(segment.Part, shown ? new SuggestionEvidence(Id, field, written) { Part = segment.Part } : null));
                }
            }

            return found;
        }
    }
}
