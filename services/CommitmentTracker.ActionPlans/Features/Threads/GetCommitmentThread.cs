using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Threads;

/// <summary>
/// <c>GET /api/commitments/{id}/thread</c>: the reform the commitment belongs to, followed across the member's plans:
/// back through its linked predecessors, forward through its linked successors (the most similar when a reform split),
/// oldest first, each with its plan, completion and IRM values; and the suggested links around it.
/// </summary>
internal static class GetCommitmentThread
{
    private const int MaxLength = 50;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/{id}/thread", HandleAsync)
            .WithName(nameof(GetCommitmentThread))
            .WithSummary("Follow a commitment's reform across the member's action plans")
            .WithDescription("The chain of linked commitments (predecessors, the commitment, successors), oldest first, each with its plan, completion and IRM values and the link to the one before; the suggested links that wait for a liaison. 404 for an unknown commitment.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<CommitmentThreadResponse>, ProblemHttpResult>> HandleAsync(string id, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToUpperInvariant();
        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == normalized, cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var links = await db.CommitmentLinks.AsNoTracking().Where(l => l.MemberCode == commitment.MemberCode && l.Status != LinkStatus.Rejected).ToListAsync(cancellationToken);
        var linked = links.Where(l => l.Status == LinkStatus.Linked).ToList();
        var ids = new List<string> { commitment.Id };
        var backLinks = new Dictionary<string, CommitmentLink>(StringComparer.Ordinal);
        for (var current = commitment.Id; ids.Count < MaxLength && linked.FirstOrDefault(l => l.CommitmentId == current) is { } back && !ids.Contains(back.PredecessorId);)
        {
            backLinks[current] = back;
            ids.Insert(0, back.PredecessorId);
            current = back.PredecessorId;
        }

        for (var current = commitment.Id; ids.Count < MaxLength
             && linked.Where(l => l.PredecessorId == current).OrderByDescending(l => l.Similarity).ThenBy(l => l.CommitmentId, StringComparer.Ordinal).FirstOrDefault() is { } next
             && !ids.Contains(next.CommitmentId);)
        {
            backLinks[next.CommitmentId] = next;
            ids.Add(next.CommitmentId);
            current = next.CommitmentId;
        }

        var suggested = links.Where(l => l.Status == LinkStatus.Suggested && (ids.Contains(l.CommitmentId) || ids.Contains(l.PredecessorId))).ToList();
        var wanted = ids.Concat(suggested.SelectMany(l => new[] { l.CommitmentId, l.PredecessorId })).Distinct().ToList();
        var commitments = await db.Commitments.AsNoTracking().Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
        var planIds = commitments.Values.Select(c => c.ActionPlanId).Distinct().ToList();
        var plans = await db.ActionPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, cancellationToken);
        var chain = ids.Where(commitments.ContainsKey)
            .Select(c => commitments[c].ToThreadResponse(plans.GetValueOrDefault(commitments[c].ActionPlanId), backLinks.GetValueOrDefault(c)))
            .ToList();
        var audits = await Responses.AuditsAsync(db, suggested.Select(l => l.Id), cancellationToken);
        return TypedResults.Ok(new CommitmentThreadResponse(commitment.Id, commitment.MemberCode, chain,
            [.. suggested.OrderBy(l => l.CommitmentId, StringComparer.Ordinal).Select(l => l.ToResponse(commitments, audits))]));
    }
}
