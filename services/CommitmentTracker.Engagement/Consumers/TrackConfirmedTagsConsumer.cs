using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;
using MassTransit;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Keeps the confirmed tags of commitments (proposed ones are not yet agreed and are ignored) with the organisations
/// that approved them, and the liaisons' latest decision on each commitment's open contracting tags (confirmed,
/// rejected, untagged: a rejection takes a commitment OGP flagged out of the assessment), a batch of events at a time
/// behind the inbox (once per event), then reassesses each member the batch touched once. Tags are kept by member code, so they count even if the commitment's
/// own event arrives later.
/// </summary>
internal sealed class TrackConfirmedTagsConsumer(EngagementDb db, EngagementAssessor assessor, EngagementRules rules, TimeProvider time) :
    IBatchConsumer<CommitmentTagged>,
    IBatchConsumer<CommitmentUntagged>,
    IBatchConsumer<TagSuggestionRejected>
{
    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentTagged>> messages, CancellationToken cancellationToken) =>
        MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) => TaggedAsync(m, members, cancellationToken), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentUntagged>> messages, CancellationToken cancellationToken) =>
        MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) => UntaggedAsync(m, members, cancellationToken), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<TagSuggestionRejected>> messages, CancellationToken cancellationToken) =>
        MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) => RejectedAsync(m, members, cancellationToken), cancellationToken);

    private async Task TaggedAsync(CommitmentTagged m, MemberReassessments members, CancellationToken ct)
    {
        if (m.Status != TagStatus.Confirmed)
        {
            return;
        }

        var id = TrackCommitmentsConsumer.CommitmentId(m.CommitmentId);
        var code = MemberCodes.Normalize(m.MemberCode);
        var approvedBy = StoredLines.Join(m.ApprovedBy.Select(o => o.Clip(20)!));
        if (await db.ConfirmedTags.FindAsync([id, m.Tag], ct) is { } tag)
        {
            tag.ApprovedBy = approvedBy.Length > 0 ? approvedBy : tag.ApprovedBy;
        }
        else
        {
            db.ConfirmedTags.Add(new ConfirmedTag { CommitmentId = id, Tag = m.Tag, MemberCode = code, ConfirmedAt = time.GetUtcNow().UtcDateTime, ApprovedBy = approvedBy });
        }

        await DecideAsync(id, code, LiaisonDecision.Confirmed, m.Tag, m.Actor, m.Organisation, m.Reason, m.OccurredAt, ct);
        members.Add(code, $"{nameof(CommitmentTagged)} {id} {m.Tag}");
    }

    private async Task UntaggedAsync(CommitmentUntagged m, MemberReassessments members, CancellationToken ct)
    {
        var id = TrackCommitmentsConsumer.CommitmentId(m.CommitmentId);
        if (await db.ConfirmedTags.FindAsync([id, m.Tag], ct) is { } tag)
        {
            // Untagging a confirmed open contracting tag is a decision too: a commitment OGP flagged falls back to its flag.
            db.ConfirmedTags.Remove(tag);
            await DecideAsync(id, tag.MemberCode, LiaisonDecision.Untagged, m.Tag, m.Actor, m.Organisation, m.Reason, m.OccurredAt, ct);
            members.Add(tag.MemberCode, $"{nameof(CommitmentUntagged)} {id} {m.Tag}");
        }
    }

    private async Task RejectedAsync(TagSuggestionRejected m, MemberReassessments members, CancellationToken ct)
    {
        var id = TrackCommitmentsConsumer.CommitmentId(m.CommitmentId);
        var code = MemberCodes.Normalize(m.MemberCode);
        if (await DecideAsync(id, code, LiaisonDecision.Rejected, m.Tag, m.Actor, m.Organisation, m.Reason, m.OccurredAt, ct))
        {
            members.Add(code, $"{nameof(TagSuggestionRejected)} {id} {m.Tag}");
        }
    }

    /// <summary>
    /// Records a decision on an open contracting tag when it is the latest on the commitment (a rejection wins a tie:
    /// withdrawing a proposed tag and rejecting its suggestion happen at one instant). Other tags are no such decision.
    /// Returns whether the decision was recorded.
    /// </summary>
    private async Task<bool> DecideAsync(
        string commitmentId, string memberCode, string decision, string tag, string? actor, string? organisation, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        if (!rules.IsOpenContracting(tag))
        {
            return false;
        }

        var decidedAt = at.UtcDateTime;
        var current = await db.LiaisonDecisions.FindAsync([commitmentId], ct);
        if (current is not null && (current.DecidedAt > decidedAt || (current.DecidedAt == decidedAt && current.Decision == LiaisonDecision.Rejected)))
        {
            return false;
        }

        if (current is null)
        {
            current = new LiaisonDecision { CommitmentId = commitmentId, MemberCode = memberCode, Decision = decision, Tag = tag };
            db.LiaisonDecisions.Add(current);
        }

        current.MemberCode = memberCode;
        current.Decision = decision;
        current.Tag = tag;
        current.Actor = actor.Clip(200);
        current.Organisation = organisation.Clip(20);
        current.Reason = reason.Clip(2000);
        current.DecidedAt = decidedAt;
        return true;
    }
}
