using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Consumers;

/// <summary>
/// Keeps Tagging's projection of commitments and computes suggestions, a batch of events at a time behind the inbox
/// (once per event). The batch's commitments are looked up in one query; the rules, calibration and retired tags are read
/// once per batch; the compiled rule set is cached across batches until a rule or mapping changes (<see cref="SuggestionEngineCache"/>).
/// </summary>
internal sealed class TaggingCommitmentConsumer(TaggingDb db, CommitmentProjection projection) :
    IBatchConsumer<CommitmentAdded>,
    IBatchConsumer<CommitmentChanged>,
    IBatchConsumer<CommitmentRemoved>
{
    private RuleState? rules;

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentAdded>> messages, CancellationToken cancellationToken)
    {
        var unknown = await LoadAsync(messages.Select(c => c.Message.CommitmentId), cancellationToken);
        foreach (var m in messages.Select(c => c.Message))
        {
            var snapshot = m.Current;
            var text = new CommitmentText(
                snapshot?.Title ?? m.Title, snapshot?.FullText, snapshot?.PolicyAreas ?? m.PolicyAreas, snapshot?.LeadInstitution, snapshot?.SupportingInstitutions, snapshot?.Theme);
            await projection.ApplyAsync(db, new CommitmentFacts(TrackedCommitment.NormalizeId(m.CommitmentId), m.ActionPlanId, m.MemberCode, text), RulesAsync, cancellationToken, unknown);
        }
    }

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentChanged>> messages, CancellationToken cancellationToken)
    {
        var unknown = await LoadAsync(messages.Select(c => c.Message.CommitmentId), cancellationToken);
        foreach (var m in messages.Select(c => c.Message))
        {
            var id = TrackedCommitment.NormalizeId(m.CommitmentId);
            CommitmentText text;
            if (m.Current is { } snapshot)
            {
                text = new CommitmentText(snapshot.Title, snapshot.FullText, snapshot.PolicyAreas, snapshot.LeadInstitution, snapshot.SupportingInstitutions, snapshot.Theme);
            }
            else
            {
                // An event from before snapshots: keep what Tagging knows (this batch's changes included), with the new title.
                var known = unknown.Contains(id) ? null : await db.Commitments.FindAsync([id], cancellationToken);
                text = new CommitmentText(m.Title, known?.FullText, known?.PolicyAreaList ?? [], known?.LeadInstitution, known?.SupportingInstitutions, known?.Theme);
            }

            await projection.ApplyAsync(db, new CommitmentFacts(id, m.ActionPlanId, m.MemberCode, text), RulesAsync, cancellationToken, unknown);
        }
    }

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentRemoved>> messages, CancellationToken cancellationToken)
    {
        foreach (var m in messages.Select(c => c.Message))
        {
            await projection.RemoveAsync(db, TrackedCommitment.NormalizeId(m.CommitmentId), cancellationToken);
        }
    }

    /// <summary>Loads the batch's commitments Tagging knows in one query (tracked, so each event finds its own without one); returns the ids it does not know.</summary>
    private async Task<HashSet<string>> LoadAsync(IEnumerable<string> commitmentIds, CancellationToken cancellationToken)
    {
        var ids = commitmentIds.Select(TrackedCommitment.NormalizeId).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Commitments.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return [.. ids.Except(known.Select(c => c.Id), StringComparer.Ordinal)];
    }

    /// <summary>The rule state, read at the first commitment of the batch that needs it.</summary>
    private async Task<RuleState> RulesAsync(CancellationToken cancellationToken) => rules ??= await projection.ReadRulesAsync(db, cancellationToken);
}
