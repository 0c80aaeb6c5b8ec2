using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.CommitmentTags;

/// <summary><c>DELETE /api/commitments/{id}/tags/{tag}</c>: a liaison removes a tag; the audit keeps its history.</summary>
internal static class UntagCommitment
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/commitments/{id}/tags/{tag}", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(UntagCommitment))
            .WithSummary("Remove a tag from a commitment")
            .WithDescription("Liaisons and admins, with an optional reason (query parameter). The audit keeps the tag's history.")
            .WithValidationTitle(RequestValidation.DefaultTitle)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, string tag, [StringLength(Responses.MaxReasonLength, ErrorMessage = Responses.ReasonTooLong)] string? reason,
        ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken)
    {
        if (Reviewer.From(Caller.From(user)) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == TrackedCommitment.NormalizeId(id), cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        if (!await db.Tags.AnyAsync(t => t.Id == tag, cancellationToken))
        {
            return Responses.TagNotFound(tag);
        }

        var outcome = await review.UntagAsync(commitment, tag, reviewer, reason, cancellationToken);
        return outcome is ReviewOutcome.Untagged ? TypedResults.NoContent() : outcome.ToProblem();
    }
}
