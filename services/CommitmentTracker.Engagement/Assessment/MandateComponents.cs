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
}
