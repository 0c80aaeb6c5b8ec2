using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.CommitmentTags;

/// <summary>
/// <c>GET /api/commitments/{id}/tags</c>: a commitment's tags and open suggestions. The <c>/api/commitments/{id}/tags…</c>
/// paths sit under ActionPlans' <c>/api/commitments/{id}</c>; the literal <c>tags</c> segment keeps them apart in the
/// embedded host, and the gateway routes them to Tagging (Order 1).
/// </summary>
internal static class GetCommitmentTags
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/{id}/tags", HandleAsync)
            .WithName(nameof(GetCommitmentTags))
            .WithSummary("Get a commitment's tags and its open suggestions")
            .WithDescription("Tags are proposed or confirmed, with the organisations that approved them and whether the text changed since confirmation.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<CommitmentTagsResponse>, ProblemHttpResult>> HandleAsync(string id, TaggingDb db, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == TrackedCommitment.NormalizeId(id), cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var labels = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, cancellationToken);
        var tags = await db.CommitmentTags.AsNoTracking().Where(t => t.CommitmentId == commitment.Id).OrderBy(t => t.TagId).ToListAsync(cancellationToken);
        var open = await db.Suggestions.AsNoTracking().Where(s => s.CommitmentId == commitment.Id && s.IsOpen).ToListAsync(cancellationToken);
        return TypedResults.Ok(commitment.ToResponse(
            [.. tags.Select(t => t.ToResponse(labels.GetValueOrDefault(t.TagId, t.TagId)))],
            [.. open.OrderByDescending(s => s.Confidence).ThenBy(s => s.TagId, StringComparer.Ordinal).Select(s => s.ToResponse(commitment.Title))]));
    }
}
