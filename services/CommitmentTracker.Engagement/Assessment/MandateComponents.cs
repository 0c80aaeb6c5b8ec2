using CommitmentTracker.Engagement.Data;
using static CommitmentTracker.Engagement.Assessment.Phrases;

namespace CommitmentTracker.Engagement.Assessment;

/// <summary>The four components of a member's mandate a liaison scores, each 0 to <see cref="MaxScore"/>, in the order they are shown.</summary>
internal static class MandateComponents
{
    public const string PoliticalLeadership = "political-leadership";
    public const string NamedOfficials = "named-officials";
    public const string Resources = "resources";
    public const string Coalition = "coalition";
    public const int MaxScore = 3;

    public static readonly string[] All = [PoliticalLeadership, NamedOfficials, Resources, Coalition];

    /// <summary>The scores in the components' order.</summary>
    public static IReadOnlyList<MandateScore> InOrder(IEnumerable<MandateScore> scores) =>
        [.. scores.OrderBy(m => Array.IndexOf(All, m.Component))];

    /// <summary>The scores in words, e.g. <c>political-leadership 2/3 (2026-10-28: The Prime Minister's office leads.)</c>.</summary>
    public static string Describe(IEnumerable<MandateScore> scores) =>
        List(InOrder(scores).Select(m => $"{m.Component} {m.Score}/3 ({Day(m.AssessedOn)}{(m.Note is null ? string.Empty : ": " + m.Note)})"));
}
