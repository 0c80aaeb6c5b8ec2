using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Tagging.Data;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>Liaisons' decisions on suggestions of one tag, evidence kind and rule.</summary>
internal sealed record DecisionCount(string Tag, string EvidenceKind, string Rule, int Accepted, int Rejected);

/// <summary>
/// Turns a <see cref="TagFinding"/> into a confidence that means the share of such suggestions a liaison accepts. Three
/// levels of smoothed acceptance rates, each the prior of the next (empirical Bayes with Beta priors):
/// <list type="number">
/// <item>the rules' own confidences (<see cref="TagFinding.RuleConfidence"/>, the admin's estimate), worth
/// <see cref="RuleConfidenceWeight"/> decisions;</item>
/// <item>the cell of the tag and evidence kind: the labelled examples of the evaluation set (scaled down to at most
/// <see cref="LabelledWeight"/> decisions, so that liaisons' decisions soon outweigh them) and every liaison decision on
/// suggestions of that cell: p₁ = (a₀ + a₁ + 2·p₀) / (n₀ + n₁ + 2);</item>
/// <item>the cell of the rule that decided the kind (<see cref="TagFinding.PrimaryRule"/>), liaisons' decisions only,
/// shrunk towards p₁ with the weight of <see cref="RuleCellWeight"/> decisions: p₂ = (a₂ + 5·p₁) / (n₂ + 5).</item>
/// </list>
/// The confidence is p₂, rounded to two decimals, between 0.01 and 0.99. A decision is a suggestion accepted (once its tag
/// is confirmed) or rejected (by a liaison, or when its tag was untagged); pending, held, proposed and superseded ones
/// are no decision.
/// </summary>
internal sealed class CalibrationTable
{
    public const int LabelledWeight = 20;
    public const double RuleConfidenceWeight = 2;
    public const double RuleCellWeight = 5;

    private readonly Dictionary<(string Tag, string Kind), (int Accepted, int Rejected)> labelled = [];
    private readonly Dictionary<(string Tag, string Kind), (int Accepted, int Rejected)> decided = [];
    private readonly Dictionary<(string Tag, string Kind, string Rule), (int Accepted, int Rejected)> decidedByRule = [];

    public CalibrationTable(IEnumerable<CalibrationPrior> priors, IEnumerable<DecisionCount> decisions)
    {
        ArgumentNullException.ThrowIfNull(priors);
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var prior in priors)
        {
            labelled[(prior.TagId, prior.EvidenceKind)] = (prior.Accepted, prior.Rejected);
        }

        foreach (var decision in decisions)
        {
            var cell = decided.GetValueOrDefault((decision.Tag, decision.EvidenceKind));
            decided[(decision.Tag, decision.EvidenceKind)] = (cell.Accepted + decision.Accepted, cell.Rejected + decision.Rejected);
            var ruleCell = decidedByRule.GetValueOrDefault((decision.Tag, decision.EvidenceKind, decision.Rule));
            decidedByRule[(decision.Tag, decision.EvidenceKind, decision.Rule)] = (ruleCell.Accepted + decision.Accepted, ruleCell.Rejected + decision.Rejected);
        }
    }

    /// <summary>No labelled examples and no decisions: the rules' own confidences.</summary>
    public static CalibrationTable Empty { get; } = new([], []);

    /// <summary>The seeded labelled examples only, as a fresh installation has them.</summary>
    public static CalibrationTable Seeded { get; } = new(CalibrationPrior.Seed, []);

    public ComputedSuggestion Rate(TagFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var (confidence, calibration) = Rate(finding.Tag, finding.EvidenceKind, finding.PrimaryRule, finding.RuleConfidence);
        return new ComputedSuggestion(finding.Tag, confidence, finding.Evidence, finding.EvidenceKind, finding.PrimaryRule, calibration);
    }

    public (double Confidence, SuggestionCalibration Calibration) Rate(string tag, string kind, string rule, double ruleConfidence)
    {
        var (labelledAccepted, labelledRejected) = labelled.GetValueOrDefault((tag, kind));
        var (accepted, rejected) = decided.GetValueOrDefault((tag, kind));
        var (ruleAccepted, ruleRejected) = decidedByRule.GetValueOrDefault((tag, kind, rule));
        var p1 = CellRate(labelledAccepted, labelledRejected, accepted, rejected, ruleConfidence);
        var p2 = (ruleAccepted + (RuleCellWeight * p1)) / (ruleAccepted + ruleRejected + RuleCellWeight);
        return (Round(p2), new SuggestionCalibration(kind, rule, labelledAccepted, labelledRejected, accepted, rejected, ruleAccepted, ruleRejected));
    }

    /// <summary>Every cell with labelled examples or decisions: the kind-level cells (no rule), then the rule-level ones.</summary>
    public IEnumerable<(string Tag, string Kind, string? Rule, int LabelledAccepted, int LabelledRejected, int Accepted, int Rejected)> Cells()
    {
        foreach (var key in labelled.Keys.Union(decided.Keys).OrderBy(k => k.Tag, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal))
        {
            var (la, lr) = labelled.GetValueOrDefault(key);
            var (a, r) = decided.GetValueOrDefault(key);
            yield return (key.Tag, key.Kind, null, la, lr, a, r);
        }

        foreach (var (key, (a, r)) in decidedByRule.OrderBy(p => p.Key.Tag, StringComparer.Ordinal).ThenBy(p => p.Key.Kind, StringComparer.Ordinal).ThenBy(p => p.Key.Rule, StringComparer.Ordinal))
        {
            yield return (key.Tag, key.Kind, key.Rule, 0, 0, a, r);
        }
    }

    /// <summary>The kind-level rate p₁ for a rule estimate <paramref name="ruleConfidence"/>.</summary>
    public double CellConfidence(string tag, string kind, double ruleConfidence)
    {
        var (la, lr) = labelled.GetValueOrDefault((tag, kind));
        var (a, r) = decided.GetValueOrDefault((tag, kind));
        return Round(CellRate(la, lr, a, r, ruleConfidence));
    }

    private static double CellRate(int labelledAccepted, int labelledRejected, int accepted, int rejected, double ruleConfidence)
    {
        double a0 = labelledAccepted, r0 = labelledRejected;
        if (a0 + r0 > LabelledWeight)
        {
            var scale = LabelledWeight / (a0 + r0);
            (a0, r0) = (a0 * scale, r0 * scale);
        }

        return (a0 + accepted + (RuleConfidenceWeight * ruleConfidence)) / (a0 + r0 + accepted + rejected + RuleConfidenceWeight);
    }

    private static double Round(double rate) => Math.Clamp(Math.Round(rate, 2, MidpointRounding.AwayFromZero), 0.01, 0.99);
}
