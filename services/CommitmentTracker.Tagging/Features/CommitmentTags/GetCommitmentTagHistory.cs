using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.CommitmentTags;

/// <summary><c>GET /api/commitments/{id}/tags/history</c>: the audit of a commitment's tags, newest first.</summary>
internal static class GetCommitmentTagHistory
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/{id}/tags/history", HandleAsync)
            .WithName(nameof(GetCommitmentTagHistory))
            .WithSummary("List the audit of a commitment's tags, newest first")
            .WithDescription("Who, organisation, when, what (suggested, accepted, rejected, tagged, confirmed, untagged, superseded, text-changed) and why.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PagedResponse<TagAuditResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, int? page, int? pageSize, TaggingDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var commitmentId = TrackedCommitment.NormalizeId(id);
        if (!await db.Commitments.AnyAsync(c => c.Id == commitmentId, cancellationToken))
        {
            return Responses.CommitmentNotFound(id);
        }

        var query = db.Audit.AsNoTracking().Where(e => e.CommitmentId == commitmentId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<TagAuditResponse>([.. items.Select(e => e.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
