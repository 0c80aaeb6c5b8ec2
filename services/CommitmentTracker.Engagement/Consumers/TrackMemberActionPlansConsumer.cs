using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults.Outbox;
using MassTransit;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>Counts each member's action plans and remembers the latest one (once per event, thanks to the inbox).</summary>
internal sealed class TrackMemberActionPlansConsumer(Inbox<EngagementDb> inbox, TimeProvider time) : IConsumer<ActionPlanImported>
{
    public Task Consume(ConsumeContext<ActionPlanImported> context) =>
        inbox.HandleOnceAsync(this, context, async (db, plan, cancellationToken) =>
        {
            var member = await db.Members.FindAsync([plan.MemberCode], cancellationToken);
            if (member is null)
            {
                member = new MemberProjection { Code = plan.MemberCode, Name = plan.MemberName };
                db.Members.Add(member);
            }

            member.Name = plan.MemberName;
            member.ActionPlanCount++;
            if (member.LatestSubmissionYear is null || plan.SubmissionYear >= member.LatestSubmissionYear)
            {
                member.LatestActionPlanId = plan.ActionPlanId;
                member.LatestSubmissionYear = plan.SubmissionYear ?? member.LatestSubmissionYear;
            }

            member.UpdatedAt = time.GetUtcNow().UtcDateTime;
        });
}
