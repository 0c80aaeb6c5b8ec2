using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Consumers;

/// <summary>Keeps Tagging's projection of commitments and computes suggestions (once per event: it runs behind the inbox).</summary>
internal sealed class TaggingCommitmentConsumer(TaggingDb db, CommitmentProjection projection) :
    IConsumer<CommitmentAdded>,
    IConsumer<CommitmentChanged>,
    IConsumer<CommitmentRemoved>
{
    public Task Consume(ConsumeContext<CommitmentAdded> context)
    {
        var m = context.Message;
        var snapshot = m.Current;
        var text = new CommitmentText(
            snapshot?.Title ?? m.Title, snapshot?.FullText, snapshot?.PolicyAreas ?? m.PolicyAreas, snapshot?.LeadInstitution, snapshot?.SupportingInstitutions, snapshot?.Theme);
        return projection.ApplyAsync(db, new CommitmentFacts(TrackedCommitment.NormalizeId(m.CommitmentId), m.ActionPlanId, m.MemberCode, text), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CommitmentChanged> context)
    {
        var (m, ct) = (context.Message, context.CancellationToken);
        var id = TrackedCommitment.NormalizeId(m.CommitmentId);
        CommitmentText text;
        if (m.Current is { } snapshot)
        {
            text = new CommitmentText(snapshot.Title, snapshot.FullText, snapshot.PolicyAreas, snapshot.LeadInstitution, snapshot.SupportingInstitutions, snapshot.Theme);
        }
        else
        {
            // An event from before snapshots: keep what Tagging knows, with the new title.
            var known = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            text = new CommitmentText(m.Title, known?.FullText, known?.PolicyAreaList ?? [], known?.LeadInstitution, known?.SupportingInstitutions, known?.Theme);
        }

        await projection.ApplyAsync(db, new CommitmentFacts(id, m.ActionPlanId, m.MemberCode, text), ct);
    }

    public Task Consume(ConsumeContext<CommitmentRemoved> context) =>
        projection.RemoveAsync(db, TrackedCommitment.NormalizeId(context.Message.CommitmentId), context.CancellationToken);
}
