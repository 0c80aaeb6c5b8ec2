namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// Where words stand in a commitment. The title and the objective (the first paragraph and the sections headed
/// objective, problem, "what is the commitment"…) say what the commitment is about; the body elaborates; the milestones
/// list activities and dates, the relevance section repeats OGP's template of values and challenges. Institutions (the
/// lead and other actors) and the plan's theme are never evidence.
/// </summary>
internal static class TextPart
{
    public const string Title = "title";
    public const string Objective = "objective";
    public const string Body = "body";
    public const string Relevance = "relevance";
    public const string Milestones = "milestones";
    public const string Institutions = "institutions";
    public const string Theme = "theme";

    /// <summary>How much a match in the part says: <see cref="Strength.Strong"/>, <see cref="Strength.Medium"/>, <see cref="Strength.Weak"/> or none.</summary>
    public static Strength StrengthOf(string part) => part switch
    {
        Title or Objective => Strength.Strong,
        Body => Strength.Medium,
        Relevance or Milestones => Strength.Weak,
        _ => Strength.None,
    };

    /// <summary>
    /// How much of a rule's confidence a match in a part of this strength carries into the rules' own estimate
    /// (<see cref="TagFinding.RuleConfidence"/>): all of it in the title or objective, 0.6 in the body, 0.25 in the
    /// milestones or the OGP-values boilerplate.
    /// </summary>
    public static double Weight(Strength strength) => strength switch
    {
        Strength.Strong => 1.0,
        Strength.Medium => 0.6,
        Strength.Weak => 0.25,
        _ => 0,
    };

    /// <summary>Whether words in the part may be evidence at all.</summary>
    public static bool IsEvidence(string part) => StrengthOf(part) != Strength.None;

    internal enum Strength
    {
        None,
        Weak,
        Medium,
        Strong,
    }
}

/// <summary>A run of a commitment's text and the part it belongs to.</summary>
internal sealed record TextSegment(string Part, string Text);
