using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Threads;

/// <summary>The links an import adds, their audit entries and the events of those that are <c>linked</c>, not stored yet.</summary>
internal sealed record NewLinks(List<CommitmentLink> Links, List<CommitmentLinkAudit> Audits, List<CommitmentsLinked> Events);

/// <summary>A commitment the database holds, as the linker reads it (its carried-forward mark found by the database).</summary>
internal sealed record HeldCommitment(string Id, string MemberCode, string ActionPlanId, string Title, string? FullText, bool CarriedForward);

/// <summary>
/// After an import, links the commitments of the members it touched to their predecessors (<see cref="ReformLinker"/>);
/// the import's writer stores the links in the import's own transaction. A new <c>linked</c> link publishes
/// <see cref="CommitmentsLinked"/>, a suggestion waits for a liaison. A pair that has a link already (linked, suggested or rejected) is left as it is, and a
/// commitment already linked to a predecessor gets no second one: liaisons' decisions are never undone by an import.
/// </summary>
internal static class ThreadLinking
{
    public const string ImportActor = "import";

    /// <summary>
    /// <c>Carried Forward</c> = 1 as the stored cells hold it (<see cref="CommitmentCells.SerializeStored"/>: a flat object
    /// written without spaces). Quotes inside a value are escaped, so this text can only be the cell itself.
    /// </summary>
    internal static readonly string CarriedForwardCell = CommitmentCells.SerializeStored(new Dictionary<string, string> { [SheetColumns.CarriedForward] = "1" })[1..^1];

    /// <summary>
    /// The new links of <paramref name="memberCodes"/>' commitments, with their audits and events, for the import's writer
    /// to store: through EF, or on SQLite through prepared inserts (thousands of them on a first import).
    /// </summary>
    public static async Task<NewLinks> ProposeAsync(ActionPlansDb db, IReadOnlyCollection<string> memberCodes, DateTime now, CancellationToken cancellationToken)
    {
        var added = new NewLinks([], [], []);
        if (memberCodes.Count == 0)
        {
            return added;
        }

        // One stream over every commitment held: each one's words count towards the IDF, and those of the touched
        // members are kept as word counts (a few KB a commitment, in TextSimilarity's blocks; not their texts), so no
        // text is read or split twice. Links never cross members.
        // The carried-forward flag is found in the stored cells by the database (the exact text a stored "1" is, see
        // CarriedForwardCell), so the cells (several KB a commitment) are neither read nor parsed here.
        var touched = memberCodes.ToHashSet(StringComparer.Ordinal);
        var similarity = TextSimilarity.StartCorpus();
        var candidatesOf = new Dictionary<string, List<(LinkCandidate Candidate, TextSimilarity.Counted Words)>>(StringComparer.Ordinal);
        var rows = db.Commitments.AsNoTracking().Where(c => !c.Removed)
            .Select(c => new HeldCommitment(c.Id, c.MemberCode, c.ActionPlanId, c.Title, c.FullText, touched.Contains(c.MemberCode) && c.Cells.Contains(CarriedForwardCell)))
            .AsAsyncEnumerable();
        var plans = await db.ActionPlans.AsNoTracking().Where(p => touched.Contains(p.MemberCode))
            .ToDictionaryAsync(p => p.Id, p => (p.SubmissionYear, p.Number), StringComparer.Ordinal, cancellationToken);

        // The rows are read on this thread and their words counted on another: each was about half of this step.
        var queue = Channel.CreateBounded<HeldCommitment>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counting = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var row in queue.Reader.ReadAllAsync(stop.Token))
                    {
                        if (similarity.Count(row.Title, row.FullText, keep: touched.Contains(row.MemberCode)) is { } words)
                        {
                            var plan = plans.GetValueOrDefault(row.ActionPlanId);
                            var candidate = new LinkCandidate(row.Id, row.MemberCode, row.ActionPlanId, plan.SubmissionYear, plan.Number, row.Title, FullText: null, row.CarriedForward);
                            (candidatesOf.TryGetValue(row.MemberCode, out var list) ? list : candidatesOf[row.MemberCode] = []).Add((candidate, words));
                        }
                    }
                }
                catch
                {
                    // The reader must not wait on a full queue nobody empties.
                    await stop.CancelAsync();
                    throw;
                }
            },
            CancellationToken.None);
        Exception? readFailure = null;
        try
        {
            await foreach (var row in rows.WithCancellation(stop.Token))
            {
                await queue.Writer.WriteAsync(row, stop.Token);
            }
        }
        catch (Exception exception)
        {
            readFailure = exception;
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        // The counter's own failure first (the reader then only saw it stop), else the reader's.
        await counting;
        if (readFailure is not null)
        {
            ExceptionDispatchInfo.Throw(readFailure);
        }

        similarity.FinishCorpus();
        // Members are linked on every core (a first import's were half a second on one), their proposals kept in member
        // order.
        var members = touched.Order(StringComparer.Ordinal).Where(candidatesOf.ContainsKey).Select(m => candidatesOf[m]).ToArray();
        var proposedOf = new List<ProposedLink>[members.Length];
        Parallel.For(0, members.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var wordsOf = members[i].ToDictionary(m => m.Candidate.Id, m => m.Words, StringComparer.Ordinal);
            proposedOf[i] = ReformLinker.Propose([.. members[i].Select(m => m.Candidate)], c => similarity.Prepare(wordsOf[c.Id]), similarity, LinkThresholds.Default);
        });
        var proposals = proposedOf.SelectMany(p => p);
        var planOf = members.SelectMany(m => m).ToDictionary(m => m.Candidate.Id, m => m.Candidate.ActionPlanId, StringComparer.Ordinal);

        var existing = await db.CommitmentLinks.Where(l => memberCodes.Contains(l.MemberCode)).ToListAsync(cancellationToken);
        var pairs = existing.Select(l => (l.CommitmentId, l.PredecessorId)).ToHashSet();
        var alreadyLinked = existing.Where(l => l.Status == LinkStatus.Linked).Select(l => l.CommitmentId).ToHashSet(StringComparer.Ordinal);
        foreach (var proposal in proposals.Where(p => !pairs.Contains((p.CommitmentId, p.PredecessorId)) && !alreadyLinked.Contains(p.CommitmentId)))
        {
            var link = new CommitmentLink
            {
                Id = Guid.NewGuid(), MemberCode = proposal.MemberCode, CommitmentId = proposal.CommitmentId, PredecessorId = proposal.PredecessorId,
                Status = proposal.Status, Origin = proposal.Origin, Similarity = proposal.Similarity, CarriedForward = proposal.CarriedForward,
                CreatedAt = now, Version = 1,
            };
            added.Links.Add(link);
            added.Audits.Add(new CommitmentLinkAudit { LinkId = link.Id, Action = proposal.Status, Actor = ImportActor, At = now });
            if (link.Status == LinkStatus.Linked)
            {
                added.Events.Add(Linked(link, planOf[link.CommitmentId], planOf[link.PredecessorId], actor: null, organisation: null, reason: null, now));
            }
        }

        return added;
    }

    /// <summary>The event of a link that became <c>linked</c>, with the plans of both commitments.</summary>
    public static CommitmentsLinked Linked(CommitmentLink link, string actionPlanId, string predecessorActionPlanId, string? actor, string? organisation, string? reason, DateTime at) => new()
    {
        LinkId = link.Id, CommitmentId = link.CommitmentId, ActionPlanId = actionPlanId, PredecessorId = link.PredecessorId,
        PredecessorActionPlanId = predecessorActionPlanId, MemberCode = link.MemberCode, Origin = link.Origin, Similarity = link.Similarity,
        Actor = actor, Organisation = organisation, Reason = reason, OccurredAt = new DateTimeOffset(at, TimeSpan.Zero),
    };
}
