using CommitmentTracker.Contracts.Events;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>What the category reads: the member's commitments as tagged, the (c) signals found, and the (a)/(b) threshold.</summary>
internal sealed record CategoryInputs(CommitmentClasses Commitments, IReadOnlyList<string> Signals, double ReadyImplementedShare);

/// <summary>A category (<see cref="EngagementCategory"/>) and the sentence that explains it.</summary>
internal sealed record CategoryDecision(string Category, string Reason);

/// <summary>The category of the engagement agreement (docs/engagement.md, "The rules"), first rule that applies.</summary>
internal static class CategoryRule
{
    public static CategoryDecision Decide(CategoryInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (openContracting, assessed) = (inputs.Commitments.OpenContracting, inputs.Commitments.Assessed);
        if (assessed.Count > 0)
        {
            return ByImplementation(assessed, inputs.ReadyImplementedShare);
        }

        if (openContracting.Count > 0)
        {
            return new CategoryDecision(EngagementCategory.NotEnoughData,
                $"Not enough data: {Count(openContracting.Count, "open contracting commitment")} ({List(openContracting.Select(c => $"{c.Id} {EngagementRules.Completion(c) ?? "blank"}"))}) {(openContracting.Count == 1 ? "has" : "have")} no IRM completion yet.");
        }

        return inputs.Signals.Count > 0
            ? new CategoryDecision(EngagementCategory.MightInclude, $"Category (c), might include open contracting in its next plan: no open contracting commitment yet, but {string.Join("; ", inputs.Signals)}.")
            : new CategoryDecision(EngagementCategory.NotEnoughData, "Not enough data: no open contracting commitment, no procurement commitment, no OCDS publication and no mandate assessment.");
    }

    /// <summary>(a) when the share at Substantial or Complete reaches <paramref name="readyShare"/>, else (b).</summary>
    private static CategoryDecision ByImplementation(IReadOnlyList<AssessedCommitment> assessed, double readyShare)
    {
        var implemented = assessed.Where(x => x.Level >= 2).Select(x => x.Commitment.Id).ToList();
        var share = (double)implemented.Count / assessed.Count;
        return share >= readyShare
            ? new CategoryDecision(EngagementCategory.ReadyForMore,
                $"Category (a), ready to be more ambitious: {implemented.Count} of {Count(assessed.Count, "IRM-assessed open contracting commitment")} reached substantial or complete implementation ({List(implemented)}).")
            : new CategoryDecision(EngagementCategory.FacedProblems,
                $"Category (b), open contracting commitments faced problems in implementation: only {implemented.Count} of {Count(assessed.Count, "IRM-assessed open contracting commitment")} reached substantial or complete implementation; {List(assessed.Where(x => x.Level < 2).Select(x => $"{x.Commitment.Id} {EngagementRules.Completion(x.Commitment)}"))}.");
    }
}
