using CommitmentTracker.Engagement.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Members;

/// <summary>
/// Tracks the members and their plans from whichever event comes first: an action plan event or a commitment event
/// (services consume different event types in no guaranteed order). A plan is kept once per id.
/// </summary>
internal static class MemberTracking
{
    public static async Task<MemberProjection> EnsureMemberAsync(EngagementDb db, string code, string name, DateTime now, CancellationToken cancellationToken)
    {
        var member = await db.Members.FindAsync([code], cancellationToken);
        if (member is null)
        {
            member = new MemberProjection { Code = code, Name = name, UpdatedAt = now };
            db.Members.Add(member);
        }

        return member;
    }

    /// <summary>
    /// Loads the members of <paramref name="codes"/> and all their plans in two queries (tracked), so that a batch's events
    /// find them without a query each; <see cref="EnsurePlanAsync"/> is then told the member's plans are loaded.
    /// </summary>
    public static async Task LoadMembersAsync(EngagementDb db, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToList();
        await db.Members.Where(m => wanted.Contains(m.Code)).LoadAsync(cancellationToken);
        await db.MemberActionPlans.Where(p => wanted.Contains(p.MemberCode)).LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the plan when new (or completes its years and number), then re-elects the member's latest plan. Returns whether
    /// this plan is the latest. <paramref name="plansLoaded"/>: the member's stored plans are tracked already (<see cref="LoadMembersAsync"/>).
    /// </summary>
    public static async Task<bool> EnsurePlanAsync(
        EngagementDb db, MemberProjection member, string planId, int? submissionYear, int? number, int? endYear, DateTime now, CancellationToken cancellationToken, bool plansLoaded = false)
    {
        var plan = await db.MemberActionPlans.FindAsync([planId], cancellationToken);
        if (plan is null)
        {
            db.MemberActionPlans.Add(new MemberActionPlan { ActionPlanId = planId, MemberCode = member.Code, SubmissionYear = submissionYear, Number = number, EndYear = endYear, FirstSeenAt = now });
            member.UpdatedAt = now;
        }
        else if ((plan.SubmissionYear is null && submissionYear is not null) || (plan.Number is null && number is not null) || (plan.EndYear is null && endYear is not null))
        {
            plan.SubmissionYear ??= submissionYear;
            plan.Number ??= number;
            plan.EndYear ??= endYear;
            member.UpdatedAt = now;
        }

        if (!plansLoaded)
        {
            await db.MemberActionPlans.Where(p => p.MemberCode == member.Code).LoadAsync(cancellationToken);
        }

        var latest = db.MemberActionPlans.Local.Where(p => p.MemberCode == member.Code)
            .Aggregate((MemberActionPlan?)null, (best, candidate) => best is null || MemberActionPlan.IsLaterThan(candidate, best) ? candidate : best);
        if (latest is not null && member.LatestActionPlanId != latest.ActionPlanId)
        {
            member.LatestActionPlanId = latest.ActionPlanId;
            member.UpdatedAt = now;
        }

        return member.LatestActionPlanId == planId;
    }
}
