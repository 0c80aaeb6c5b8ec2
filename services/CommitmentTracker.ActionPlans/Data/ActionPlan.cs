namespace CommitmentTracker.ActionPlans.Data;

/// <summary>An OGP action plan, e.g. <c>AP_GBR05</c>.</summary>
internal sealed class ActionPlan
{
    public required string Id { get; set; }
    public required string MemberCode { get; set; }
    public Member? Member { get; set; }
    public int? Number { get; set; }
    public int? SubmissionYear { get; set; }
    public int? EndYear { get; set; }
    public int? DurationYears { get; set; }
    public DateTime FirstSeenAt { get; set; }
    /// <summary>The import that first saw the plan (null when an admin recorded it by hand).</summary>
    public Guid? FirstImportId { get; set; }
}
