using CommitmentTracker.ActionPlans.Commitments;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Commitments;

/// <summary><c>GET /api/commitments?member=&amp;actionPlan=&amp;policyArea=&amp;completion=&amp;q=&amp;includeRemoved=&amp;sort=&amp;page=&amp;pageSize=</c>.</summary>
internal static class ListCommitments
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments", HandleAsync)
            .WithName(nameof(ListCommitments))
            .WithSummary("List commitments")
            .WithDescription("Filters: member (code), actionPlan (id), policyArea (sheet name or slug, e.g. open-contracting), completion (latest IRM completion, e.g. substantial, or NR/ND/NA), q (words in the title, short title or full text), includeRemoved. sort: id (default), title, member, startDate, updated; '-' first for descending.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<CommitmentSummaryResponse>>, ValidationProblem>> HandleAsync(
        ActionPlansDb db, string? member, string? actionPlan, string? policyArea, string? completion, string? q, bool? includeRemoved, string? sort,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = new CommitmentQuery(member, actionPlan, policyArea, completion, q, includeRemoved, sort);
        var errors = query.Validate();
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var pagingErrors) || errors.Count > 0)
        {
            foreach (var (key, value) in pagingErrors)
            {
                errors[key] = value;
            }

            return TypedResults.ValidationProblem(errors, title: "The commitment query is not valid.");
        }

        var filtered = query.Apply(db);
        var total = await filtered.CountAsync(cancellationToken);
        var rows = await query.Order(filtered)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(Responses.CommitmentSummary)
            .ToListAsync(cancellationToken);
        var codes = rows.Select(r => r.MemberCode).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, m => m.Name, cancellationToken);
        var items = rows.Select(r => r.WithMemberName(names)).ToList();
        return TypedResults.Ok(new PagedResponse<CommitmentSummaryResponse>(items, paging.Page, paging.PageSize, total));
    }
}
