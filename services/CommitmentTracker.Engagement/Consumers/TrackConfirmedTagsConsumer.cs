using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using MassTransit;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Keeps the confirmed tags of commitments (proposed ones are not yet agreed and are ignored) and reassesses the
/// member, once per message (it runs behind the inbox). Tags are kept by member code, so they count even if the commitment's own event
/// arrives later.
/// </summary>
internal sealed class TrackConfirmedTagsConsumer(EngagementDb db, EngagementAssessor assessor, TimeProvider time) :
    IConsumer<CommitmentTagged>,
    IConsumer<CommitmentUntagged>
{
    public async Task Consume(ConsumeContext<CommitmentTagged> context)
    {
        var (m, ct) = (context.Message, context.CancellationToken);
        if (m.Status != TagStatus.Confirmed)
        {
            return;
        }

        var id = TrackCommitmentsConsumer.CommitmentId(m.CommitmentId);
        var code = MemberCodes.Normalize(m.MemberCode);
        if (await db.ConfirmedTags.FindAsync([id, m.Tag], ct) is null)
        {
            db.ConfirmedTags.Add(new ConfirmedTag { CommitmentId = id, Tag = m.Tag, MemberCode = code, ConfirmedAt = time.GetUtcNow().UtcDateTime });
        }

        await assessor.ReassessAsync(db, code, $"{nameof(CommitmentTagged)} {id} {m.Tag}", [], ct);
    }

    public async Task Consume(ConsumeContext<CommitmentUntagged> context)
    {
        var (m, ct) = (context.Message, context.CancellationToken);
        var id = TrackCommitmentsConsumer.CommitmentId(m.CommitmentId);
        if (await db.ConfirmedTags.FindAsync([id, m.Tag], ct) is { } tag)
        {
            db.ConfirmedTags.Remove(tag);
            await assessor.ReassessAsync(db, tag.MemberCode, $"{nameof(CommitmentUntagged)} {id} {m.Tag}", [], ct);
        }
    }
}
