using System.Security.Claims;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Threads;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.ActionPlans.Features.Threads;

/// <summary><c>POST /api/commitment-links</c>: a liaison links a commitment to its predecessor by hand (audited; publishes CommitmentsLinked).</summary>
internal static class CreateCommitmentLink
{
    private const string InvalidTitle = "The link is not valid.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/commitment-links", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(CreateCommitmentLink))
            .WithSummary("Link a commitment to its predecessor by hand")
            .WithDescription("Liaisons and admins. Both commitments of the same member (never across members), the predecessor in an earlier plan; a suggested or rejected pair becomes linked. 404 unknown commitment; 409 the commitment is linked to a predecessor already.")
            .WithValidationTitle(InvalidTitle)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<CommitmentLinkResponse>, Ok<CommitmentLinkResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateCommitmentLinkRequest request, ClaimsPrincipal user, ActionPlansDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await new LinkReview(db, time).CreateAsync(
            request.CommitmentId!.Trim().ToUpperInvariant(), request.PredecessorId!.Trim().ToUpperInvariant(), Caller.From(user), request.Reason, cancellationToken);
        if (outcome is LinkOutcome.Invalid invalid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }, title: InvalidTitle);
        }

        var result = await Responses.LinkOutcomeAsync(db, outcome, cancellationToken);
        return result.Result is Ok<CommitmentLinkResponse> ok ? TypedResults.Created($"/api/commitment-links/{ok.Value!.Id}", ok.Value) : (ProblemHttpResult)result.Result;
    }
}
