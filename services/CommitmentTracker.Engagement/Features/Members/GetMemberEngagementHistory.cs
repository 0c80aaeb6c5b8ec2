using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Members;

/// <summary><c>GET /api/members/{code}/engagement/history</c>: each change of the member's assessment, newest first (gateway route as <see cref="GetMemberEngagement"/>).</summary>
internal static class GetMemberEngagementHistory
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/members/{code}/engagement/history", HandleAsync)
            .WithName(nameof(GetMemberEngagementHistory))
            .WithSummary("List the changes of a member's engagement assessment, newest first")
            .WithDescription("Each change of category, component or dips, with what triggered it and the dips that started with it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PagedResponse<EngagementHistoryEntryResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string code, int? page, int? pageSize, EngagementDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var memberCode = MemberCodes.Normalize(code);
        if (!await db.Members.AnyAsync(m => m.Code == memberCode, cancellationToken))
        {
            return Responses.MemberNotFound(code);
        }

        var query = db.AssessmentHistory.AsNoTracking().Where(e => e.MemberCode == memberCode);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Version).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<EngagementHistoryEntryResponse>([.. items.Select(e => e.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
