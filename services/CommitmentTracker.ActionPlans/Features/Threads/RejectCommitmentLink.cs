using System.Security.Claims;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.ActionPlans.Features.Threads;

/// <summary>
/// <c>POST /api/commitment-links/{id}/reject</c>: a liaison rejects a suggested link, or removes a linked one, with a
/// reason (audited; removing publishes CommitmentsUnlinked). A rejected pair is kept, so it is never proposed again.
/// </summary>
internal static class RejectCommitmentLink
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/commitment-links/{id:guid}/reject", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(RejectCommitmentLink))
            .WithSummary("Reject a suggested link, or remove a linked one")
            .WithDescription("Liaisons and admins; a reason is required. The link becomes rejected (an import never proposes the pair again), its audit records who, organisation and reason; removing a linked link publishes CommitmentsUnlinked. 404 unknown link; 409 rejected already.")
            .WithValidationTitle("The decision is not valid.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<CommitmentLinkResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, RejectCommitmentLinkRequest request, ClaimsPrincipal user, ActionPlansDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [CommitmentLinkReview.RequiredReasonMessage] }, title: "The decision is not valid.");
        }

        return await Responses.LinkOutcomeAsync(db, await new LinkReview(db, time).RejectAsync(id, Caller.From(user), request.Reason, cancellationToken), cancellationToken);
    }
}
