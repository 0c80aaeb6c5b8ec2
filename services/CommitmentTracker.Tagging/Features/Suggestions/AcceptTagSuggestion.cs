using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary><c>POST /api/tag-suggestions/{id}/accept</c>: a liaison accepts a suggestion for its organisation.</summary>
internal static class AcceptTagSuggestion
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-suggestions/{id:guid}/accept", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(AcceptTagSuggestion))
            .WithSummary("Accept a suggestion")
            .WithDescription("Liaisons and admins. The tag becomes proposed, or confirmed when its policy is met. Send If-Match with the suggestion's version to be told (412) when it changed since you read it; two liaisons acting at once: one wins, the other gets 409.")
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

        var outcome = await review.AcceptAsync(id, reviewer, request?.Reason, expected, cancellationToken);
        if (outcome is not ReviewOutcome.Approval { Suggestion: { } suggestion })
        {
            return outcome.ToProblem();
        }

        var title = await db.Commitments.Where(c => c.Id == suggestion.CommitmentId).Select(c => c.Title).FirstAsync(cancellationToken);
        http.Response.Headers.ETag = $"\"{suggestion.Version}\"";
        return TypedResults.Ok(suggestion.ToResponse(title));
    }
}
