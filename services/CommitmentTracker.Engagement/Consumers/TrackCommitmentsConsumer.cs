using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.Messaging;
using CommitmentTracker.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Consumers;

/// <summary>
/// Keeps Engagement's projection of commitments (plan, IRM values as raw text), a batch of events at a time behind the
/// inbox (once per event), and reassesses each member the batch touched once at its end. A fall of an open contracting
/// commitment's completion is a dip of this change.
/// </summary>
internal sealed class TrackCommitmentsConsumer(EngagementDb db, EngagementAssessor assessor, EngagementRules rules, TimeProvider time) :
    IBatchConsumer<CommitmentAdded>,
    IBatchConsumer<CommitmentChanged>,
    IBatchConsumer<CommitmentRemoved>
{
    // The sheet's column names, as CommitmentChanged's field changes carry them (for events without a snapshot).
    private static readonly Dictionary<string, Action<TrackedCommitment, string?>> Columns = new(StringComparer.Ordinal)
    {
        ["Commitment Title"] = (c, v) => c.Title = v.Clip(TitleLength) ?? c.Title,
        ["Potential Impact"] = (c, v) => c.PotentialImpact = v.Clip(IrmValueLength),
        ["Potential for Results"] = (c, v) => c.PotentialForResults = v.Clip(IrmValueLength),
        ["Completion (Progress Report)"] = (c, v) => c.CompletionProgressReport = v.Clip(IrmValueLength),
        ["Completion (End Of Term)"] = (c, v) => c.CompletionEndOfTerm = v.Clip(IrmValueLength),
        ["Early Results"] = (c, v) => c.EarlyResults = v.Clip(IrmValueLength),
        ["Did It Open Government (Overall)"] = (c, v) => c.DidItOpenGovernment = v.Clip(IrmValueLength),
        [OpenContracting] = (c, v) => c.OpenContractingFlag = v?.Trim() == "1",
        [PublicProcurement] = (c, v) => c.PublicProcurementFlag = v?.Trim() == "1",
    };

    // OGP's policy-area flags Engagement keeps, by their sheet names (the events' PolicyAreas carry the names of those set).
    private const string OpenContracting = "Open Contracting";
    private const string PublicProcurement = "Public Procurement";

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentAdded>> messages, CancellationToken cancellationToken)
    {
        var unknown = await LoadAsync(messages.Select(m => (m.Message.CommitmentId, m.Message.MemberCode)), cancellationToken);
        await MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) =>
            ApplyAsync(m.CommitmentId, m.ActionPlanId, m.MemberCode, m.Title, m.Current, [], m.PolicyAreas, nameof(CommitmentAdded), members, unknown, cancellationToken), cancellationToken);
    }

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentChanged>> messages, CancellationToken cancellationToken)
    {
        var unknown = await LoadAsync(messages.Select(m => (m.Message.CommitmentId, m.Message.MemberCode)), cancellationToken);
        await MemberReassessments.ApplyBatchAsync(db, assessor, messages, (m, members) =>
            ApplyAsync(m.CommitmentId, m.ActionPlanId, m.MemberCode, m.Title, m.Current, m.Changes, null, nameof(CommitmentChanged), members, unknown, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Loads what a batch's events read, in one query per table rather than a few per event: their members and the
    /// members' plans, and their commitments Engagement knows. Returns the commitment ids it does not know.
    /// </summary>
    private async Task<HashSet<string>> LoadAsync(IEnumerable<(string CommitmentId, string MemberCode)> events, CancellationToken cancellationToken)
    {
        var batch = events.ToList();
        await MemberTracking.LoadMembersAsync(db, batch.Select(e => MemberCodes.Normalize(e.MemberCode)), cancellationToken);
        var ids = batch.Select(e => CommitmentId(e.CommitmentId)).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Commitments.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return [.. ids.Except(known.Select(c => c.Id), StringComparer.Ordinal)];
    }

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentRemoved>> messages, CancellationToken cancellationToken) =>
        MemberReassessments.ApplyBatchAsync(db, assessor, messages, async (m, members) =>
        {
            var commitment = await db.Commitments.FindAsync([CommitmentId(m.CommitmentId)], cancellationToken);
            if (commitment is null || commitment.Removed)
            {
                return;
            }

            commitment.Removed = true;
            commitment.UpdatedAt = time.GetUtcNow().UtcDateTime;
            members.Add(commitment.MemberCode, $"{nameof(CommitmentRemoved)} {commitment.Id}");
        }, cancellationToken);

    private async Task ApplyAsync(
        string commitmentId, string actionPlanId, string memberCode, string title, CommitmentSnapshot? snapshot,
        IReadOnlyList<FieldChange> changes, IReadOnlyList<string>? policyAreas, string trigger, MemberReassessments members, HashSet<string> unknown,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = CommitmentId(commitmentId);
        var code = MemberCodes.Normalize(memberCode);
        var member = await MemberTracking.EnsureMemberAsync(db, code, snapshot?.MemberName.Clip(200) ?? code, now, cancellationToken);
        if (snapshot?.Region.Clip(IrmValueLength) is { Length: > 0 } region && member.Region != region)
        {
            member.Region = region;
            member.UpdatedAt = now;
        }

        await MemberTracking.EnsurePlanAsync(db, member, actionPlanId, snapshot?.SubmissionYear, snapshot?.ActionPlanNumber, snapshot?.EndYear, now, cancellationToken, plansLoaded: true);

        // Loaded with the batch, or not known: taken out of the unknown ones once added.
        var commitment = unknown.Remove(id) ? null : await db.Commitments.FindAsync([id], cancellationToken);
        var before = commitment is { Removed: false } ? EngagementRules.Completion(commitment) : null;
        var wasOpenContracting = commitment is { Removed: false } && await IsOpenContractingAsync(commitment, cancellationToken);
        if (commitment is null)
        {
            commitment = new TrackedCommitment { Id = id, MemberCode = code, ActionPlanId = actionPlanId, Title = title };
            db.Commitments.Add(commitment);
        }

        commitment.MemberCode = code;
        commitment.ActionPlanId = actionPlanId;
        commitment.Title = title.Clip(TitleLength);
        commitment.Removed = false;
        commitment.UpdatedAt = now;
        if (snapshot is not null)
        {
            commitment.PotentialImpact = snapshot.PotentialImpact.Clip(IrmValueLength);
            commitment.PotentialForResults = snapshot.PotentialForResults.Clip(IrmValueLength);
            commitment.CompletionProgressReport = snapshot.CompletionProgressReport.Clip(IrmValueLength);
            commitment.CompletionEndOfTerm = snapshot.CompletionEndOfTerm.Clip(IrmValueLength);
            commitment.EarlyResults = snapshot.EarlyResults.Clip(IrmValueLength);
            commitment.DidItOpenGovernment = snapshot.DidItOpenGovernment.Clip(IrmValueLength);
        }

        if ((snapshot?.PolicyAreas ?? policyAreas) is { } areas)
        {
            commitment.OpenContractingFlag = areas.Contains(OpenContracting, StringComparer.OrdinalIgnoreCase);
            commitment.PublicProcurementFlag = areas.Contains(PublicProcurement, StringComparer.OrdinalIgnoreCase);
        }
        else
        {
            // An event from before snapshots: apply the field changes Engagement reads, keep the rest.
            foreach (var change in changes)
            {
                if (Columns.TryGetValue(change.Field, out var apply))
                {
                    apply(commitment, change.After);
                }
            }
        }

        var after = EngagementRules.Completion(commitment);
        var falls = new List<DipSignal>();
        if (IrmScale.CompletionLevel(before) is { } was && IrmScale.CompletionLevel(after) is { } isNow && isNow < was && wasOpenContracting)
        {
            falls.Add(new DipSignal(EngagementDipKind.CompletionFalling, $"IRM completion of {id} fell from {before} to {after}."));
        }

        members.Add(code, $"{trigger} {id}", falls);
    }

    /// <summary>Whether the commitment, as stored before this change, is an open contracting one (its flag or tags, as the rules class it).</summary>
    private async Task<bool> IsOpenContractingAsync(TrackedCommitment commitment, CancellationToken cancellationToken)
    {
        var tags = await db.ConfirmedTags.Where(t => t.CommitmentId == commitment.Id).ToListAsync(cancellationToken);
        var decisions = await db.LiaisonDecisions.Where(d => d.CommitmentId == commitment.Id).ToListAsync(cancellationToken);
        return rules.Classify([commitment], tags, decisions).OpenContracting.Count > 0;
    }

    /// <summary>Column sizes of <see cref="EngagementDb"/>: a longer value is cut rather than failing the message on SQL Server.</summary>
    private const int TitleLength = 2000;
    private const int IrmValueLength = 100;

    /// <summary>OGP ids are upper case, as ActionPlans stores them.</summary>
    internal static string CommitmentId(string id) => id.Trim().ToUpperInvariant();
}
