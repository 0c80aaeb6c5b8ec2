using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.ActionPlans;

/// <summary><c>GET /api/action-plans/{id}</c>: one plan by OGP's id, in any case.</summary>
internal static class GetActionPlan
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/action-plans/{id}", HandleAsync)
            .WithName(nameof(GetActionPlan))
            .WithSummary("Get one action plan")
            .WithDescription("By OGP's action plan id, e.g. AP_BGR02 (case-insensitive).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<ActionPlanResponse>, ProblemHttpResult>> HandleAsync(string id, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToUpperInvariant();
        var plan = await db.ActionPlans.AsNoTracking().Include(p => p.Member).FirstOrDefaultAsync(p => p.Id == normalized, cancellationToken);
        return plan is null ? Responses.ActionPlanNotFound(id) : TypedResults.Ok(plan.ToResponse(plan.Member!.Name));
    }
}
