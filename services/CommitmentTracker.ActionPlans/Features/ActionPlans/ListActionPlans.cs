using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.ActionPlans;

/// <summary><c>GET /api/action-plans?member=&amp;page=&amp;pageSize=</c>: newest submission first.</summary>
internal static class ListActionPlans
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/action-plans", HandleAsync)
            .WithName(nameof(ListActionPlans))
            .WithSummary("List action plans")
            .WithDescription("Newest submission first, optionally for one member (its code).")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<ActionPlanResponse>>, ValidationProblem>> HandleAsync(
        ActionPlansDb db, string? member, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var query = db.ActionPlans.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(member))
        {
            var code = member.Trim().ToUpperInvariant();
            query = query.Where(p => p.MemberCode == code);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(p => p.SubmissionYear).ThenBy(p => p.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(p => p.ToResponse(p.Member!.Name))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ActionPlanResponse>(items, paging.Page, paging.PageSize, total));
    }
}
