using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Tags;

/// <summary><c>GET /api/tags/{tag}/commitments</c>: the commitments carrying a tag, paged.</summary>
internal static class ListTaggedCommitments
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tags/{tag}/commitments", HandleAsync)
            .WithName(nameof(ListTaggedCommitments))
            .WithSummary("List the commitments carrying a tag")
            .WithDescription("status=proposed or confirmed narrows the list; paged by page and pageSize.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PagedResponse<TaggedCommitmentResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string tag, string? status, int? page, int? pageSize, TaggingDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        if (status is not (null or "proposed" or "confirmed"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is proposed or confirmed."] }, title: "The filters are not valid.");
        }

        if (!await db.Tags.AnyAsync(t => t.Id == tag, cancellationToken))
        {
            return Responses.TagNotFound(tag);
        }

        var query = from t in db.CommitmentTags.AsNoTracking()
                    join c in db.Commitments.AsNoTracking() on t.CommitmentId equals c.Id
                    where t.TagId == tag && (status == null || t.Status == status)
                    select new { t, c.MemberCode, c.Title };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.t.CommitmentId).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var items = rows.Select(r => r.t.ToTaggedCommitmentResponse(r.MemberCode, r.Title)).ToList();
        return TypedResults.Ok(new PagedResponse<TaggedCommitmentResponse>(items, paging.Page, paging.PageSize, total));
    }
}
