using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary><c>POST /api/tag-suggestions/reject</c>: a liaison rejects several suggestions, each decided on its own.</summary>
internal static class RejectTagSuggestions
{
    private const string Invalid = "The bulk review is not valid.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-suggestions/reject", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(RejectTagSuggestions))
            .WithSummary("Reject several suggestions at once")
            .WithDescription("Liaisons and admins; at most Tagging:MaxBulkReview (200) ids, one optional reason for all.")
            .WithValidationTitle(Invalid)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Results<Ok<BulkReviewResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        BulkReviewRequest request, ClaimsPrincipal user, TagReview review, IOptions<TaggingOptions> options, CancellationToken cancellationToken)
    {
        if (Reviewer.From(Caller.From(user)) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        // The most ids is a setting, so this rule stays here rather than in an attribute.
        var maxBulk = options.Value.MaxBulkReview;
        if (request.Ids is not { Count: > 0 } || request.Ids.Count > maxBulk)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"ids lists 1 to {maxBulk} suggestion ids."] }, title: Invalid);
        }

        var outcomes = await review.RejectEachAsync(request.Ids, reviewer, request.Reason, cancellationToken);
        var items = outcomes.Select(o => o.Outcome.ToBulkReviewItem(o.Id)).ToList();
        var succeeded = outcomes.Count(o => o.Outcome.Succeeded);
        return TypedResults.Ok(new BulkReviewResponse(succeeded, items.Count - succeeded, items));
    }
}
