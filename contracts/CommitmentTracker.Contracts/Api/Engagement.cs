namespace CommitmentTracker.Contracts.Api;

/// <summary>A member as the Engagement service knows it from events. The assessment itself is added by the Engagement issue.</summary>
public sealed record EngagementMemberResponse(string MemberCode, string MemberName, int ActionPlanCount, string? LatestActionPlanId, DateTimeOffset UpdatedAt);
