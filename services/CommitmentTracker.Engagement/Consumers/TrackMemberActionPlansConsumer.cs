using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Follows each member's action plans. The inbox absorbs redeliveries of one message; a plan announced again under a
/// new message id (a re-import, a restored database) is recognised by its id and changes nothing.
/// </summary>
internal sealed class TrackMemberActionPlansConsumer(Inbox<EngagementDb> inbox, TimeProvider time) : IConsumer<ActionPlanImported>
{
    public Task Consume(ConsumeContext<ActionPlanImported> context) =>
        inbox.HandleOnceAsync(this, context, async (db, message, cancellationToken) =>
        {
            if (await db.MemberActionPlans.AnyAsync(p => p.ActionPlanId == message.ActionPlanId, cancellationToken))
            {
                return;
            }

            var plan = new MemberActionPlan
            {
                ActionPlanId = message.ActionPlanId,
                MemberCode = message.MemberCode,
                SubmissionYear = message.SubmissionYear,
                Number = message.Number,
            };
            db.MemberActionPlans.Add(plan);

            var member = await db.Members.FindAsync([message.MemberCode], cancellationToken);
            if (member is null)
            {
                member = new MemberProjection { Code = message.MemberCode, Name = message.MemberName };
                db.Members.Add(member);
            }

            var latest = member.LatestActionPlanId is null ? null : await db.MemberActionPlans.FindAsync([member.LatestActionPlanId], cancellationToken);
            if (latest is null || MemberActionPlan.IsLaterThan(plan, latest))
            {
                member.LatestActionPlanId = plan.ActionPlanId;
                member.Name = message.MemberName;
            }

            member.UpdatedAt = time.GetUtcNow().UtcDateTime;
        });
}
