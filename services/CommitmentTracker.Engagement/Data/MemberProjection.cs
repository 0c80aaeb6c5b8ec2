namespace CommitmentTracker.Engagement.Data;

/// <summary>A member as Engagement knows it from ActionPlans' events (it never reads ActionPlans' tables).</summary>
internal sealed class MemberProjection
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int ActionPlanCount { get; set; }
    public string? LatestActionPlanId { get; set; }
    public int? LatestSubmissionYear { get; set; }
    public DateTime UpdatedAt { get; set; }
}
