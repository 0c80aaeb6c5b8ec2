using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.CommitmentTags;

/// <summary><c>POST /api/commitments/{id}/tags</c>: a liaison tags a commitment by hand, or approves a proposed tag.</summary>
internal static class TagCommitment
{
    private const string Invalid = "The tag cannot be applied.";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/commitments/{id}/tags", HandleAsync)
            .RequireAuthorization(Policies.Liaison)
            .WithName(nameof(TagCommitment))
            .WithSummary("Tag a commitment by hand (or approve a proposed tag)")
            .WithDescription("Liaisons and admins. The organisation comes from the key. The tag is confirmed when its policy is met (one liaison, or one of each organisation). 201 when the tag is new on the commitment, 200 when an approval was added.")
            .WithValidationTitle(Invalid)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<CommitmentTagResponse>, Ok<CommitmentTagResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, TagCommitmentRequest request, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken)
    {
        if (Reviewer.From(Caller.From(user)) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.Tag!.Trim(), cancellationToken);
        if (tag is null or { Retired: true })
        {
            var error = tag is null ? $"'{request.Tag}' is not a tag of the vocabulary (GET /api/tags)." : $"'{tag.Id}' is retired; it can no longer be applied.";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = [error] }, title: Invalid);
        }

        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == TrackedCommitment.NormalizeId(id), cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var outcome = await review.TagAsync(commitment, tag, reviewer, request.Reason, cancellationToken);
        if (outcome is not ReviewOutcome.Approval approval)
        {
            return outcome.ToProblem();
        }

        var response = approval.Tag.ToResponse(tag.Label);
        return approval.NewTag ? TypedResults.Created($"/api/commitments/{commitment.Id}/tags", response) : TypedResults.Ok(response);
    }
}
