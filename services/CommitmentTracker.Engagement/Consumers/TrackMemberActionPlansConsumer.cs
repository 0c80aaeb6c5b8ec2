using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Messaging;
using MassTransit;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Follows each member's action plans, a batch of events at a time, and reassesses each member the batch touched once. The inbox absorbs redeliveries of one message; a plan
/// announced again under a new message id (a re-import, a restored database) is recognised by its id and changes nothing.
/// </summary>
internal sealed class TrackMemberActionPlansConsumer(EngagementDb db, EngagementAssessor assessor, TimeProvider time) : IBatchConsumer<ActionPlanImported>
{
    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<ActionPlanImported>> messages, CancellationToken cancellationToken)
    {
        await MemberTracking.LoadMembersAsync(db, messages.Select(m => MemberCodes.Normalize(m.Message.MemberCode)), cancellationToken);
        await MemberReassessments.ApplyBatchAsync(db, assessor, messages, async (message, members) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var code = MemberCodes.Normalize(message.MemberCode);
            var member = await MemberTracking.EnsureMemberAsync(db, code, message.MemberName, now, cancellationToken);
            if (await MemberTracking.EnsurePlanAsync(db, member, message.ActionPlanId, message.SubmissionYear, message.Number, message.EndYear, now, cancellationToken, plansLoaded: true)
                && member.Name != message.MemberName)
            {
                member.Name = message.MemberName;
                member.UpdatedAt = now;
            }

            members.Add(code, $"{nameof(ActionPlanImported)} {message.ActionPlanId}");
        }, cancellationToken);
    }
}
