using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Features.Members;

/// <summary><c>GET /api/engagement</c>: every member with its current category and score, filtered by category and region.</summary>
internal static class ListEngagement
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/engagement", HandleAsync)
            .WithName(nameof(ListEngagement))
            .WithSummary("List members with their engagement category and score")
            .WithDescription("Each member known from action plan and commitment events, with its category (a, b, c, not-enough-data or no-signal-yet), score 0–100 and the dips in force. ?category= and ?region= (OGP's region, e.g. Europe) narrow the list.")
            .WithValidationTitle("The filter is not valid.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<EngagementMemberResponse>>, ValidationProblem>> HandleAsync(
        EngagementDb db,
        [AllowedValues(EngagementCategory.ReadyForMore, EngagementCategory.FacedProblems, EngagementCategory.MightInclude, EngagementCategory.NotEnoughData, EngagementCategory.NoSignalYet,
            ErrorMessage = "category is one of a, b, c, not-enough-data, no-signal-yet.")] string? category,
        string? region, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var query =
            from m in db.Members.AsNoTracking()
            join a in db.Assessments.AsNoTracking() on m.Code equals a.MemberCode into assessments
            from a in assessments.DefaultIfEmpty()
            select new { Member = m, Assessment = a, Plans = m.ActionPlans.Count };
        if (category is not null)
        {
            query = category == EngagementCategory.NotEnoughData
                ? query.Where(x => x.Assessment == null || x.Assessment.Category == category)
                : query.Where(x => x.Assessment != null && x.Assessment.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(region))
        {
            var wanted = region.Trim().ToLower(System.Globalization.CultureInfo.InvariantCulture);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL LOWER(); a culture argument cannot be.
            query = query.Where(x => x.Member.Region != null && x.Member.Region.ToLower() == wanted);
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.Member.Code).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<EngagementMemberResponse>([.. rows.Select(x => x.Member.ToResponse(x.Assessment, x.Plans))], paging.Page, paging.PageSize, total));
    }
}
