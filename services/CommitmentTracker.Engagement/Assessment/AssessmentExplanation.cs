namespace CommitmentTracker.Engagement.Assessment;

/// <summary>The plain-language explanation of an assessment.</summary>
internal static class AssessmentExplanation
{
    /// <summary>
    /// The category's reason, the flagged commitments liaisons took out (<paramref name="excluded"/>, when any), then
    /// each component's evidence, the plan still pending, and every dip in force.
    /// </summary>
    public static string Compose(CategoryDecision category, ComponentScores scores, string? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(scores);
        return string.Join(' ', new[] { category.Reason, excluded }
            .Concat(scores.Components.Select(c => c.Explanation))
            .Append(scores.PendingPlan).OfType<string>()
            .Concat(scores.Conditions.Select(c => "Dip: " + c.Reason)));
    }
}
