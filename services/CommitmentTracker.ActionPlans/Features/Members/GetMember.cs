using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Members;

/// <summary><c>GET /api/members/{code}</c>: one member by its code, in any case.</summary>
internal static class GetMember
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/members/{code}", HandleAsync)
            .WithName(nameof(GetMember))
            .WithSummary("Get one member")
            .WithDescription("By its code: ISO alpha-3 (BGR), or 4 letters for local members.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> HandleAsync(string code, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var member = await db.Members.AsNoTracking()
            .Where(m => m.Code == normalized)
            .Select(m => m.ToResponse(m.ActionPlans.Count))
            .FirstOrDefaultAsync(cancellationToken);
        return member is null ? Responses.MemberNotFound(code) : TypedResults.Ok(member);
    }
}
