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
        var facts = messages.Select(c => c.Message).Select(m =>
        {
            var snapshot = m.Current;
            var text = new CommitmentText(
                snapshot?.Title ?? m.Title, snapshot?.FullText, snapshot?.PolicyAreas ?? m.PolicyAreas, snapshot?.LeadInstitution, snapshot?.SupportingInstitutions, snapshot?.Theme);
            return new CommitmentFacts(TrackedCommitment.NormalizeId(m.CommitmentId), m.ActionPlanId, m.MemberCode, text);
        }).ToList();
        await PrepareFindingsAsync(facts, unknown, cancellationToken);
        foreach (var fact in facts)
        {
            await projection.ApplyAsync(db, fact, RulesAsync, cancellationToken, unknown);
        }
    }

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentChanged>> messages, CancellationToken cancellationToken)
    {
        var unknown = await LoadAsync(messages.Select(c => c.Message.CommitmentId), cancellationToken);
        // The facts of an event with a snapshot are known now; those of an event from before snapshots only in turn.
        var changes = messages.Select(c => c.Message).Select(m => (Event: m, Facts: m.Current is { } snapshot
            ? new CommitmentFacts(TrackedCommitment.NormalizeId(m.CommitmentId), m.ActionPlanId, m.MemberCode, new CommitmentText(
                snapshot.Title, snapshot.FullText, snapshot.PolicyAreas, snapshot.LeadInstitution, snapshot.SupportingInstitutions, snapshot.Theme))
            : null)).ToList();
        await PrepareFindingsAsync([.. changes.Select(c => c.Facts).OfType<CommitmentFacts>()], unknown, cancellationToken);
        foreach (var (m, facts) in changes)
        {
            await projection.ApplyAsync(db, facts ?? await WithoutSnapshotAsync(m, unknown, cancellationToken), RulesAsync, cancellationToken, unknown);
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

    /// <summary>An event from before snapshots: what Tagging knows (this batch's changes included), with the new title.</summary>
    private async Task<CommitmentFacts> WithoutSnapshotAsync(CommitmentChanged m, HashSet<string> unknown, CancellationToken cancellationToken)
    {
        var id = TrackedCommitment.NormalizeId(m.CommitmentId);
        var known = unknown.Contains(id) ? null : await db.Commitments.FindAsync([id], cancellationToken);
        return new CommitmentFacts(id, m.ActionPlanId, m.MemberCode, new CommitmentText(
            m.Title, known?.FullText, known?.PolicyAreaList ?? [], known?.LeadInstitution, known?.SupportingInstitutions, known?.Theme));
    }

    /// <summary>
    /// Matches the rules against the batch's new and changed texts on every core before the events are applied one by
    /// one (which stays sequential: several events may concern one commitment). A text found the same as the stored
    /// one is not matched; neither is a lone one (nothing to share out).
    /// </summary>
    private async Task PrepareFindingsAsync(IReadOnlyList<CommitmentFacts> facts, HashSet<string> unknown, CancellationToken cancellationToken)
    {
        var changed = facts
            .Where(f => unknown.Contains(f.Id) || db.Commitments.Local.FindEntry(f.Id)?.Entity.TextHash != f.Text.Hash())
            .Select(f => f.Text).ToList();
        if (changed.Count < 2)
        {
            return;
        }

        var state = await RulesAsync(cancellationToken);
        rules = state with { Prepared = state.Engine.FindAll(changed) };
    }

    /// <summary>The rule state, read at the first commitment of the batch that needs it.</summary>
    private async Task<RuleState> RulesAsync(CancellationToken cancellationToken) => rules ??= await projection.ReadRulesAsync(db, cancellationToken);
}
