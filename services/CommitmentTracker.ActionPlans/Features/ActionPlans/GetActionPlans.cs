using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.ActionPlans;

/// <summary><c>GET /api/action-plans?member=&amp;page=&amp;pageSize=</c> and <c>GET /api/action-plans/{id}</c>.</summary>
internal static class GetActionPlans
{
    public static void MapGetActionPlans(this RouteGroupBuilder api)
    {
        api.MapGet("/action-plans", ListAsync)
            .WithName("ListActionPlans")
            .WithSummary("List action plans")
            .WithDescription("Newest submission first, optionally for one member (its code).")
            .ProducesValidationProblem();
        api.MapGet("/action-plans/{id}", GetAsync)
            .WithName("GetActionPlan")
            .WithSummary("Get one action plan")
            .WithDescription("By OGP's action plan id, e.g. AP_BGR02 (case-insensitive).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<PagedResponse<ActionPlanResponse>>, ValidationProblem>> ListAsync(
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
            .Select(p => new ActionPlanResponse(p.Id, p.MemberCode, p.Member!.Name, p.Number, p.SubmissionYear, p.EndYear, p.FirstSeenAt.AsUtc(), p.DurationYears))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ActionPlanResponse>(items, paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<ActionPlanResponse>, ProblemHttpResult>> GetAsync(string id, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToUpperInvariant();
        var plan = await db.ActionPlans.AsNoTracking().Include(p => p.Member).FirstOrDefaultAsync(p => p.Id == normalized, cancellationToken);
        return plan is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Action plan not found.", detail: $"There is no action plan '{id}'.")
            : TypedResults.Ok(plan.ToResponse(plan.Member!.Name));
    }

    internal static ActionPlanResponse ToResponse(this ActionPlan plan, string memberName) =>
        new(plan.Id, plan.MemberCode, memberName, plan.Number, plan.SubmissionYear, plan.EndYear, plan.FirstSeenAt.AsUtc(), plan.DurationYears);
}
