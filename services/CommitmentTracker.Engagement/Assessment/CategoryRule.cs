using CommitmentTracker.Contracts.Events;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>What the category reads: the member's commitments as classed, the (c) signals found, and the (a)/(b) threshold.</summary>
internal sealed record CategoryInputs(CommitmentClasses Commitments, IReadOnlyList<string> Signals, double ReadyImplementedShare);

/// <summary>A category (<see cref="EngagementCategory"/>) and the sentence that explains it.</summary>
internal sealed record CategoryDecision(string Category, string Reason);

/// <summary>
/// The category of the engagement agreement (docs/engagement.md, "The rules"), first rule that applies: (a) or (b) by
/// the share of IRM-assessed open contracting commitments implemented; not enough data when open contracting
/// commitments exist but the IRM has assessed none; (c) when there are none but a reason to expect one; else no signal
/// yet. Every commitment named carries its source.
/// </summary>
internal static class CategoryRule
{
    public static CategoryDecision Decide(CategoryInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var classes = inputs.Commitments;
        var (openContracting, assessed) = (classes.OpenContracting, classes.Assessed);
        if (assessed.Count > 0)
        {
            return ByImplementation(classes, inputs.ReadyImplementedShare);
        }

        if (openContracting.Count > 0)
        {
            return new CategoryDecision(EngagementCategory.NotEnoughData,
                $"Not enough data: the IRM has not assessed the completion of {(openContracting.Count == 1 ? "the" : "any of the")} {Count(openContracting.Count, "open contracting commitment")} yet: {List(openContracting.Select(c => classes.Name(c, Unassessed(EngagementRules.Completion(c)))))}.{Legend(openContracting.Select(EngagementRules.Completion))}");
        }

        return inputs.Signals.Count > 0
            ? new CategoryDecision(EngagementCategory.MightInclude, $"Category (c), might include open contracting in its next plan: no open contracting commitment yet, but {string.Join("; ", inputs.Signals)}.")
            : new CategoryDecision(EngagementCategory.NoSignalYet, "No signal yet: no open contracting commitment, no procurement commitment, no OCDS publication, no mandate assessment and no new plan due.");
    }

    /// <summary>An end-of-term completion the IRM has not given, as written (<c>blank</c> for none).</summary>
    private static string Unassessed(string? completion) => string.IsNullOrEmpty(completion) ? "blank" : completion;

    /// <summary>What the sheet's codes among <paramref name="values"/> mean, e.g. <c> NR: not reviewed by the IRM yet.</c></summary>
    private static string Legend(IEnumerable<string?> values)
    {
        var present = values.ToHashSet(StringComparer.Ordinal);
        var words = new[] { ("NR", "NR: not reviewed by the IRM yet"), ("ND", "ND: no data in OGP's sheet") }
            .Where(x => present.Contains(x.Item1)).Select(x => x.Item2).ToList();
        return words.Count == 0 ? string.Empty : $" {string.Join("; ", words)}.";
    }

    /// <summary>(a) when the share at Substantial or Complete reaches <paramref name="readyShare"/>, else (b).</summary>
    private static CategoryDecision ByImplementation(CommitmentClasses classes, double readyShare)
    {
        var assessed = classes.Assessed;
        var implemented = assessed.Where(x => x.Level >= 2).ToList();
        var share = (double)implemented.Count / assessed.Count;
        return share >= readyShare
            ? new CategoryDecision(EngagementCategory.ReadyForMore,
                $"Category (a), ready to be more ambitious: {implemented.Count} of {Count(assessed.Count, "IRM-assessed open contracting commitment")} reached substantial or complete implementation: {List(implemented.Select(x => classes.Name(x.Commitment)))}.")
            : new CategoryDecision(EngagementCategory.FacedProblems,
                $"Category (b), open contracting commitments faced problems in implementation: only {implemented.Count} of {Count(assessed.Count, "IRM-assessed open contracting commitment")} reached substantial or complete implementation; {List(assessed.Where(x => x.Level < 2).Select(x => classes.Name(x.Commitment, EngagementRules.Completion(x.Commitment))))}.");
    }
}
