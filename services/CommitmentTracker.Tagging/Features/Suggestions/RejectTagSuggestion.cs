using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary><c>POST /api/tag-suggestions/{id}/reject</c>: a liaison rejects a suggestion (a proposed one takes its proposed tag with it).</summary>
internal static class RejectTagSuggestion
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-suggestions/{id:guid}/reject", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(RejectTagSuggestion))
            .WithSummary("Reject a suggestion")
            .WithDescription("Liaisons and admins, with an optional reason. Rejecting a proposed suggestion withdraws the proposed tag.")
            .WithValidationTitle(RequestValidation.DefaultTitle)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    internal static async Task<Results<Ok<TagSuggestionResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ReviewSuggestionRequest? request, HttpContext http, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken)
    {
        if (Reviewer.From(Caller.From(user)) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        if (!ExpectedVersion.TryParse(http.Request.Headers.IfMatch.ToString(), out var expected))
        {
            return Responses.InvalidIfMatch();
        }

        var outcome = await review.RejectAsync(id, reviewer, request?.Reason, expected, cancellationToken);
        if (outcome is not ReviewOutcome.Rejected { Suggestion: var suggestion })
        {
            return outcome.ToProblem();
        }

        var title = await db.Commitments.Where(c => c.Id == suggestion.CommitmentId).Select(c => c.Title).FirstAsync(cancellationToken);
        http.Response.Headers.ETag = $"\"{suggestion.Version}\"";
        return TypedResults.Ok(suggestion.ToResponse(title));
    }
}
