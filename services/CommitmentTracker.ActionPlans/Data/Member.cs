namespace CommitmentTracker.ActionPlans.Data;

/// <summary>An OGP member: a country (ISO alpha-3 code) or a local member (4 letters).</summary>
internal sealed class Member
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Region { get; set; }
    /// <summary>The sheet's <c>National Or Local</c>: National, Local, Legacy Local, Other.</summary>
    public string? Kind { get; set; }
    public List<ActionPlan> ActionPlans { get; } = [];
}
