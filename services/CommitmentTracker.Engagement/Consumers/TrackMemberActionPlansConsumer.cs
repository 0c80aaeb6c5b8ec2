using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using MassTransit;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Follows each member's action plans and reassesses the member. The inbox absorbs redeliveries of one message; a plan
/// announced again under a new message id (a re-import, a restored database) is recognised by its id and changes nothing.
/// </summary>
internal sealed class TrackMemberActionPlansConsumer(EngagementDb db, EngagementAssessor assessor, TimeProvider time) : IConsumer<ActionPlanImported>
{
    public async Task Consume(ConsumeContext<ActionPlanImported> context)
    {
        var (message, cancellationToken) = (context.Message, context.CancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var code = MemberCodes.Normalize(message.MemberCode);
        var member = await MemberTracking.EnsureMemberAsync(db, code, message.MemberName, now, cancellationToken);
        if (await MemberTracking.EnsurePlanAsync(db, member, message.ActionPlanId, message.SubmissionYear, message.Number, message.EndYear, now, cancellationToken)
            && member.Name != message.MemberName)
        {
            member.Name = message.MemberName;
            member.UpdatedAt = now;
        }

        await assessor.ReassessAsync(db, code, $"{nameof(ActionPlanImported)} {message.ActionPlanId}", [], cancellationToken);
    }
}
