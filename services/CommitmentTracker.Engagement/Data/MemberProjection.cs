namespace CommitmentTracker.Engagement.Data;

/// <summary>A member as Engagement knows it from ActionPlans' events (it never reads ActionPlans' tables).</summary>
internal sealed class MemberProjection
{
    public required string Code { get; set; }
    /// <summary>The name carried by the member's latest plan.</summary>
    public required string Name { get; set; }
    public List<MemberActionPlan> ActionPlans { get; } = [];
    public string? LatestActionPlanId { get; set; }
    /// <summary>OGP's region, from the latest commitment event that carried one.</summary>
    public string? Region { get; set; }
    public DateTime UpdatedAt { get; set; }
}
