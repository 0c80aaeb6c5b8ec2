using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Members;

/// <summary><c>GET /api/members?page=&amp;pageSize=</c>: in code order, with each member's action plan count.</summary>
internal static class ListMembers
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/members", HandleAsync)
            .WithName(nameof(ListMembers))
            .WithSummary("List OGP members")
            .WithDescription("In code order, with region, kind (National, Local, ...) and action plan count.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<MemberResponse>>, ValidationProblem>> HandleAsync(
        ActionPlansDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var total = await db.Members.CountAsync(cancellationToken);
        var items = await db.Members.AsNoTracking()
            .OrderBy(m => m.Code)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(m => m.ToResponse(m.ActionPlans.Count))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<MemberResponse>(items, paging.Page, paging.PageSize, total));
    }
}
