using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Threads;

/// <summary>The links an import adds, their audit entries and the events of those that are <c>linked</c>, not stored yet.</summary>
internal sealed record NewLinks(List<CommitmentLink> Links, List<CommitmentLinkAudit> Audits, List<CommitmentsLinked> Events);

/// <summary>A commitment as the linker counts it: one the import created, or one read back from the database (its carried-forward mark found there).</summary>
internal sealed record HeldCommitment(string Id, string MemberCode, string ActionPlanId, string Title, string? FullText, bool CarriedForward);

/// <summary>
/// Links the commitments of the members an import touched to their predecessors (<see cref="ReformLinker"/>); the
/// import's writer stores the links in the import's own transaction. A new <c>linked</c> link publishes
/// <see cref="CommitmentsLinked"/>, a suggestion waits for a liaison. A pair that has a link already (linked, suggested or rejected) is left as it is, and a
/// commitment already linked to a predecessor gets no second one: liaisons' decisions are never undone by an import.
/// </summary>
/// <remarks>
/// Every commitment held counts towards the words' weights, and those of the touched members are kept as word counts
/// (a few KB a commitment, in TextSimilarity's blocks; not their texts), so no text is read or split twice. The words
/// are counted on a thread of their own from the import's start: the writer hands over each commitment it creates
/// (<see cref="AddAsync"/>) while the rows are still being written, and at the end (<see cref="ProposeAsync"/>) only
/// the commitments the import did not create are read back from the database. Links never cross members.
/// </remarks>
internal sealed class ThreadLinking : IAsyncDisposable
{
    public const string ImportActor = "import";

    /// <summary>
    /// <c>Carried Forward</c> = 1 as the stored cells hold it (<see cref="CommitmentCells.SerializeStored"/>: a flat object
    /// written without spaces, keyed by the column's position). Quotes inside a value are escaped, and a key is a quoted
    /// number followed by a colon, so this text can only be the cell itself.
    /// </summary>
    internal static readonly string CarriedForwardCell = CommitmentCells.SerializeStored(new Dictionary<string, string> { [SheetColumns.CarriedForward] = "1" })[1..^1];

    /// <summary>The same cell as rows stored before issue 21 hold it, keyed by the column's name.</summary>
    internal static readonly string CarriedForwardNamedCell = $"\"{SheetColumns.CarriedForward}\":\"1\"";

    /// <summary>Whether stored cells hold <c>Carried Forward</c> = 1, in either form.</summary>
    internal static bool IsCarriedForward(string storedCells) =>
        storedCells.Contains(CarriedForwardCell, StringComparison.Ordinal) || storedCells.Contains(CarriedForwardNamedCell, StringComparison.Ordinal);

    private readonly TextSimilarity similarity = TextSimilarity.StartCorpus();

    // Bounded: the writer waits rather than let the texts handed over pile up in memory.
    private readonly Channel<(HeldCommitment Row, bool Keep)> queue =
        Channel.CreateBounded<(HeldCommitment, bool)>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });

    private readonly Dictionary<string, List<(HeldCommitment Row, TextSimilarity.Counted Words)>> countedOf = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop;
    private readonly Task counting;
    private int created;

    private ThreadLinking(CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        counting = Task.Run(CountAsync, CancellationToken.None);
    }

    /// <summary>Starts counting words for an import, until <see cref="ProposeAsync"/> or disposal.</summary>
    public static ThreadLinking Start(CancellationToken cancellationToken) => new(cancellationToken);

    /// <summary>
    /// A commitment the import has just created: its words are counted now and kept (its member is touched). It is not
    /// read back at the end. Fails with the counter's failure if the counter has stopped.
    /// </summary>
    public ValueTask AddAsync(Commitment commitment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        created++;
        var row = new HeldCommitment(
            commitment.Id, commitment.MemberCode, commitment.ActionPlanId, commitment.Title, commitment.FullText,
            IsCarriedForward(commitment.Cells));
        return queue.Writer.WriteAsync((row, Keep: true), cancellationToken);
    }

    /// <summary>
    /// The new links of <paramref name="memberCodes"/>' commitments, with their audits and events, for the import's writer
    /// to store: through EF, or on SQLite through prepared inserts (thousands of them on a first import).
    /// </summary>
    public async Task<NewLinks> ProposeAsync(ActionPlansDb db, IReadOnlyCollection<string> memberCodes, Guid importId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(memberCodes);
        var added = new NewLinks([], [], []);
        if (memberCodes.Count == 0)
        {
            return added;
        }

        // The commitments the import did not create: every other one held. The carried-forward flag is found in the
        // stored cells by the database (the exact text a stored "1" is, in either form: see IsCarriedForward), so the
        // cells (several KB a commitment) are neither read nor parsed here.
        var touched = memberCodes.ToHashSet(StringComparer.Ordinal);
        var held = db.Commitments.AsNoTracking().Where(c => !c.Removed);
        if (created > 0)
        {
            held = held.Where(c => !db.CommitmentVersions.Any(v => v.CommitmentId == c.Id && v.Version == 1 && v.ImportId == importId));
        }

        var rows = held
            .Select(c => new HeldCommitment(c.Id, c.MemberCode, c.ActionPlanId, c.Title, c.FullText, touched.Contains(c.MemberCode) && (c.Cells.Contains(CarriedForwardCell) || c.Cells.Contains(CarriedForwardNamedCell))))
            .AsAsyncEnumerable();

        // The rows are read on this thread and their words counted on the other: each was about half of this step.
        Exception? readFailure = null;
        try
        {
            await foreach (var row in rows.WithCancellation(stop.Token))
            {
                await queue.Writer.WriteAsync((row, touched.Contains(row.MemberCode)), stop.Token);
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
        var plans = await db.ActionPlans.AsNoTracking().Where(p => touched.Contains(p.MemberCode))
            .ToDictionaryAsync(p => p.Id, p => (p.SubmissionYear, p.Number), StringComparer.Ordinal, cancellationToken);

        // Members are linked on every core (a first import's were half a second on one), their proposals kept in member
        // order.
        var members = touched.Order(StringComparer.Ordinal).Where(countedOf.ContainsKey).Select(m => countedOf[m]).ToArray();
        var proposedOf = new List<ProposedLink>[members.Length];
        Parallel.For(0, members.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var wordsOf = members[i].ToDictionary(m => m.Row.Id, m => m.Words, StringComparer.Ordinal);
            var candidates = members[i].Select(m => Candidate(m.Row, plans.GetValueOrDefault(m.Row.ActionPlanId))).ToList();
            proposedOf[i] = ReformLinker.Propose(candidates, c => similarity.Prepare(wordsOf[c.Id]), similarity, LinkThresholds.Default);
        });
        var proposals = proposedOf.SelectMany(p => p);
        var planOf = members.SelectMany(m => m).ToDictionary(m => m.Row.Id, m => m.Row.ActionPlanId, StringComparer.Ordinal);

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

    /// <summary>Stops the counter if the import ended without linking (it failed or was cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stop.CancelAsync();
        try
        {
            await counting;
        }
        catch (Exception)
        {
            // Already reported by the call that saw it (AddAsync or ProposeAsync), or the import is failing for another reason.
        }

        stop.Dispose();
    }

    private static LinkCandidate Candidate(HeldCommitment row, (int? SubmissionYear, int? Number) plan) =>
        new(row.Id, row.MemberCode, row.ActionPlanId, plan.SubmissionYear, plan.Number, row.Title, FullText: null, row.CarriedForward);

    private async Task CountAsync()
    {
        try
        {
            await foreach (var (row, keep) in queue.Reader.ReadAllAsync(stop.Token))
            {
                if (similarity.Count(row.Title, row.FullText, keep) is { } words)
                {
                    // Kept without its text (tens of MB in a first import): the word counts stand for it from now on.
                    (countedOf.TryGetValue(row.MemberCode, out var list) ? list : countedOf[row.MemberCode] = []).Add((row with { FullText = null }, words));
                }
            }
        }
        catch (Exception exception)
        {
            // Whoever hands rows over must not wait on a full queue nobody empties: they see this failure instead.
            queue.Writer.TryComplete(exception);
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>The event of a link that became <c>linked</c>, with the plans of both commitments.</summary>
    public static CommitmentsLinked Linked(CommitmentLink link, string actionPlanId, string predecessorActionPlanId, string? actor, string? organisation, string? reason, DateTime at) => new()
    {
        LinkId = link.Id, CommitmentId = link.CommitmentId, ActionPlanId = actionPlanId, PredecessorId = link.PredecessorId,
        PredecessorActionPlanId = predecessorActionPlanId, MemberCode = link.MemberCode, Origin = link.Origin, Similarity = link.Similarity,
        Actor = actor, Organisation = organisation, Reason = reason, OccurredAt = new DateTimeOffset(at, TimeSpan.Zero),
    };
}
