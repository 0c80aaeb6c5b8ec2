using System.Security.Claims;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.ActionPlans.Features.Threads;

/// <summary><c>POST /api/commitment-links/{id}/confirm</c>: a liaison confirms a suggested link (audited; publishes CommitmentsLinked).</summary>
internal static class ConfirmCommitmentLink
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/commitment-links/{id:guid}/confirm", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(ConfirmCommitmentLink))
            .WithSummary("Confirm a suggested link between two commitments")
            .WithDescription("Liaisons and admins. The link becomes linked, its audit records who, organisation and reason, and CommitmentsLinked is published. 404 unknown link; 409 a link that is not suggested.")
            .WithValidationTitle("The decision is not valid.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<CommitmentLinkResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ConfirmCommitmentLinkRequest? request, ClaimsPrincipal user, ActionPlansDb db, TimeProvider time, CancellationToken cancellationToken) =>
        await Responses.LinkOutcomeAsync(db, await new LinkReview(db, time).ConfirmAsync(id, Caller.From(user), request?.Reason, cancellationToken), cancellationToken);
}
