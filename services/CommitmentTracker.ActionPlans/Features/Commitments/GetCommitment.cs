using CommitmentTracker.ActionPlans.Commitments;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Commitments;

/// <summary><c>GET /api/commitments/{id}</c>: every column, structured.</summary>
internal static class GetCommitment
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/{id}", HandleAsync)
            .WithName(nameof(GetCommitment))
            .WithSummary("Get one commitment with every column of the sheet")
            .WithDescription("Dates come as written and parsed; IRM values with their numeric twins; NA, ND and NR are states, not blanks. Removed commitments are returned with removed=true. predecessor and successor are the commitments its reform continues and is continued by (linked links).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    // The hottest read of the API: answered from CommitmentResponseCache while the database has not changed; else its queries, compiled once (per provider's model) instead of translated on every request.
    private static readonly CompiledPerModel<Func<ActionPlansDb, string, CancellationToken, Task<Commitment?>>> CommitmentById = new(() =>
        EF.CompileAsyncQuery((ActionPlansDb db, string id, CancellationToken _) => db.Commitments.AsNoTracking().FirstOrDefault(c => c.Id == id)));

    private static readonly CompiledPerModel<Func<ActionPlansDb, string, CancellationToken, Task<string?>>> MemberName = new(() =>
        EF.CompileAsyncQuery((ActionPlansDb db, string code, CancellationToken _) => db.Members.Where(m => m.Code == code).Select(m => m.Name).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<ActionPlansDb, string, IAsyncEnumerable<CommitmentLink>>> LinkedLinks = new(() =>
        EF.CompileAsyncQuery((ActionPlansDb db, string id) => db.CommitmentLinks.AsNoTracking()
            .Where(l => l.Status == LinkStatus.Linked && (l.CommitmentId == id || l.PredecessorId == id))));

    internal static async Task<Results<JsonBody<CommitmentResponse>, ProblemHttpResult>> HandleAsync(
        string id, CommitmentResponseCache cache, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToUpperInvariant();
        // Read before the database: an answer kept under it is sent only while nothing has been committed since.
        var generation = cache.Generation();
        if (cache.Find(normalized, generation) is { } kept)
        {
            return new JsonBody<CommitmentResponse>(kept);
        }

        // The context only when the database is read (a request answered from the cache needs none).
        var db = httpContext.RequestServices.GetRequiredService<ActionPlansDb>();
        // One connection for the request's reads (EF would otherwise open and close one per query).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var commitment = await CommitmentById.For(db)(db, normalized, cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var memberName = await MemberName.For(db)(db, commitment.MemberCode, cancellationToken);
        // Its reform's neighbours: the linked predecessor, and the linked successor (the most similar when a reform split).
        var links = new List<CommitmentLink>();
        await foreach (var link in LinkedLinks.For(db)(db, commitment.Id).WithCancellation(cancellationToken))
        {
            links.Add(link);
        }

        var back = links.FirstOrDefault(l => l.CommitmentId == commitment.Id);
        var next = links.Where(l => l.PredecessorId == commitment.Id).OrderByDescending(l => l.Similarity).ThenBy(l => l.CommitmentId, StringComparer.Ordinal).FirstOrDefault();
        var ids = new[] { back?.PredecessorId, next?.CommitmentId }.OfType<string>().ToList();
        var neighbours = ids.Count == 0
            ? new Dictionary<string, Commitment>(StringComparer.Ordinal)
            : await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
        var response = commitment.ToResponse(memberName ?? commitment.MemberCode) with
        {
            Predecessor = back is not null && neighbours.TryGetValue(back.PredecessorId, out var predecessor) ? predecessor.ToLinkedResponse(back) : null,
            Successor = next is not null && neighbours.TryGetValue(next.CommitmentId, out var successor) ? successor.ToLinkedResponse(next) : null,
        };
        return new JsonBody<CommitmentResponse>(cache.Keep(normalized, response, generation));
    }
}
