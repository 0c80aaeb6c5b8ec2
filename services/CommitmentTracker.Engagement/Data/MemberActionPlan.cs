namespace CommitmentTracker.Engagement.Data;

/// <summary>An action plan of a member, once per plan id whatever the number of events announcing it.</summary>
internal sealed class MemberActionPlan
{
    public required string ActionPlanId { get; set; }
    public required string MemberCode { get; set; }
    public int? SubmissionYear { get; set; }
    public int? Number { get; set; }
    /// <summary>The sheet's <c>Action Plan End Year</c>: a member whose latest plan has ended (or soon ends) is due a new one.</summary>
    public int? EndYear { get; set; }

    /// <summary>When the tracker first heard of the plan (UTC): liaisons tag a new plan's commitments after it arrives.</summary>
    public DateTime FirstSeenAt { get; set; }

    /// <summary>Orders plans by submission year, then number, then id, so "latest" never depends on arrival order.</summary>
    public static bool IsLaterThan(MemberActionPlan candidate, MemberActionPlan current)
    {
        var order = (candidate.SubmissionYear ?? int.MinValue, candidate.Number ?? int.MinValue)
            .CompareTo((current.SubmissionYear ?? int.MinValue, current.Number ?? int.MinValue));
        return order != 0 ? order > 0 : string.CompareOrdinal(candidate.ActionPlanId, current.ActionPlanId) > 0;
    }
}
