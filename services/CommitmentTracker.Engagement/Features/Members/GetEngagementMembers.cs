using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Members;

/// <summary><c>GET /api/engagement</c>: the members Engagement follows, from ActionPlans' events.</summary>
internal static class GetEngagementMembers
{
    public static void MapGetEngagementMembers(this RouteGroupBuilder api) =>
        api.MapGet("/engagement", ListAsync)
            .WithName("ListEngagement")
            .WithSummary("List members followed by the engagement assessment")
            .WithDescription("Each member known from action plan events, with its plan count and latest plan.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<EngagementMemberResponse>>, ValidationProblem>> ListAsync(
        EngagementDb db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var total = await db.Members.CountAsync(cancellationToken);
        var items = await db.Members.AsNoTracking()
            .OrderBy(m => m.Code)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(m => new EngagementMemberResponse(m.Code, m.Name, m.ActionPlans.Count, m.LatestActionPlanId, new DateTimeOffset(m.UpdatedAt, TimeSpan.Zero)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<EngagementMemberResponse>(items, paging.Page, paging.PageSize, total));
    }
}
