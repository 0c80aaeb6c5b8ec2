using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Members;

/// <summary><c>GET /api/members</c> and <c>GET /api/members/{code}</c>.</summary>
internal static class GetMembers
{
    public static void MapGetMembers(this RouteGroupBuilder api)
    {
        api.MapGet("/members", ListAsync).WithName("ListMembers").WithSummary("List OGP members")
            .WithDescription("In code order, with region, kind (National, Local, ...) and action plan count.")
            .ProducesValidationProblem();
        api.MapGet("/members/{code}", GetAsync).WithName("GetMember").WithSummary("Get one member")
            .WithDescription("By its code: ISO alpha-3 (BGR), or 4 letters for local members.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<PagedResponse<MemberResponse>>, ValidationProblem>> ListAsync(
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
            .Select(m => new MemberResponse(m.Code, m.Name, m.ActionPlans.Count, m.Region, m.Kind))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<MemberResponse>(items, paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetAsync(string code, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var member = await db.Members.AsNoTracking()
            .Where(m => m.Code == normalized)
            .Select(m => new MemberResponse(m.Code, m.Name, m.ActionPlans.Count, m.Region, m.Kind))
            .FirstOrDefaultAsync(cancellationToken);
        return member is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Member not found.", detail: $"There is no member '{code}'.")
            : TypedResults.Ok(member);
    }
}
