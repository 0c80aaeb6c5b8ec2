using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.ActionPlans.Features.Commitments;

/// <summary><c>GET /api/commitments/{id}</c>: every column, structured.</summary>
internal static class GetCommitment
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/commitments/{id}", HandleAsync)
            .WithName(nameof(GetCommitment))
            .WithSummary("Get one commitment with every column of the sheet")
            .WithDescription("Dates come as written and parsed; IRM values with their numeric twins; NA, ND and NR are states, not blanks. Removed commitments are returned with removed=true.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<CommitmentResponse>, ProblemHttpResult>> HandleAsync(string id, ActionPlansDb db, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToUpperInvariant();
        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == normalized, cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var memberName = await db.Members.Where(m => m.Code == commitment.MemberCode).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(commitment.ToResponse(memberName ?? commitment.MemberCode));
    }
}
