using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Messaging;
using MassTransit;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Keeps the links between commitments across plans that ActionPlans announces (a reform carried into the next plan)
/// a batch of events at a time behind the inbox (once per event), and reassesses each member the batch touched once. An event older than the link's last change
/// (arriving late) changes nothing.
/// </summary>
internal sealed class TrackThreadsConsumer(EngagementDb db, EngagementAssessor assessor) :
    IBatchConsumer<CommitmentsLinked>,
    IBatchConsumer<CommitmentsUnlinked>
{
    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentsLinked>> messages, CancellationToken cancellationToken) =>
        MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) =>
            ApplyAsync(m.LinkId, m.CommitmentId, m.PredecessorId, m.MemberCode, linked: true, m.OccurredAt, $"{nameof(CommitmentsLinked)} {m.PredecessorId} {m.CommitmentId}", members, cancellationToken), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentsUnlinked>> messages, CancellationToken cancellationToken) =>
        MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) =>
            ApplyAsync(m.LinkId, m.CommitmentId, m.PredecessorId, m.MemberCode, linked: false, m.OccurredAt, $"{nameof(CommitmentsUnlinked)} {m.PredecessorId} {m.CommitmentId}", members, cancellationToken), cancellationToken);

    private async Task ApplyAsync(Guid linkId, string commitmentId, string predecessorId, string memberCode, bool linked, DateTimeOffset at, string trigger, MemberReassessments members, CancellationToken ct)
    {
        var code = MemberCodes.Normalize(memberCode);
        var link = await db.ThreadLinks.FindAsync([linkId], ct);
        if (link is not null && link.ChangedAt > at.UtcDateTime)
        {
            return;
        }

        if (link is null)
        {
            link = new ThreadLink { LinkId = linkId, CommitmentId = commitmentId, PredecessorId = predecessorId, MemberCode = code };
            db.ThreadLinks.Add(link);
        }

        link.CommitmentId = TrackCommitmentsConsumer.CommitmentId(commitmentId);
        link.PredecessorId = TrackCommitmentsConsumer.CommitmentId(predecessorId);
        link.MemberCode = code;
        link.Linked = linked;
        link.ChangedAt = at.UtcDateTime;
        members.Add(code, trigger);
    }
}
