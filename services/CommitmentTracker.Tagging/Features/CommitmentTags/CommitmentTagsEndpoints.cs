using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using CommitmentTracker.Tagging.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.CommitmentTags;

/// <summary>
/// A commitment's tags: <c>GET /api/commitments/{id}/tags</c>, <c>POST</c> (tag by hand), <c>DELETE .../tags/{tag}</c>
/// and <c>GET .../tags/history</c>. These paths sit under ActionPlans' <c>/api/commitments/{id}</c>; the literal
/// <c>tags</c> segment keeps them apart in the embedded host, and the gateway routes them to Tagging (Order 1).
/// </summary>
internal static class CommitmentTagsEndpoints
{
    public static void MapCommitmentTags(this RouteGroupBuilder api)
    {
        api.MapGet("/commitments/{id}/tags", GetAsync)
            .WithName("GetCommitmentTags")
            .WithSummary("Get a commitment's tags and its open suggestions")
            .WithDescription("Tags are proposed or confirmed, with the organisations that approved them and whether the text changed since confirmation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/commitments/{id}/tags", TagAsync)
            .RequireAuthorization(TaggingPolicies.Review)
            .WithName("TagCommitment")
            .WithSummary("Tag a commitment by hand (or approve a proposed tag)")
            .WithDescription("Liaisons and admins. The organisation comes from the key. The tag is confirmed when its policy is met (one liaison, or one of each organisation). 201 when the tag is new on the commitment, 200 when an approval was added.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/commitments/{id}/tags/{tag}", UntagAsync)
            .RequireAuthorization(TaggingPolicies.Review)
            .WithName("UntagCommitment")
            .WithSummary("Remove a tag from a commitment")
            .WithDescription("Liaisons and admins, with an optional reason (query parameter). The audit keeps the tag's history.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/commitments/{id}/tags/history", HistoryAsync)
            .WithName("GetCommitmentTagHistory")
            .WithSummary("List the audit of a commitment's tags, newest first")
            .WithDescription("Who, organisation, when, what (suggested, accepted, rejected, tagged, confirmed, untagged, superseded, text-changed) and why.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Ok<CommitmentTagsResponse>, ProblemHttpResult>> GetAsync(string id, TaggingDb db, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Responses.CommitmentId(id), cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var labels = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, cancellationToken);
        var tags = await db.CommitmentTags.AsNoTracking().Where(t => t.CommitmentId == commitment.Id).OrderBy(t => t.TagId).ToListAsync(cancellationToken);
        var open = await db.Suggestions.AsNoTracking().Where(s => s.CommitmentId == commitment.Id && s.IsOpen).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CommitmentTagsResponse(
            commitment.Id, commitment.MemberCode, commitment.Title, commitment.Removed,
            [.. tags.Select(t => t.ToResponse(labels.GetValueOrDefault(t.TagId, t.TagId)))],
            [.. open.OrderByDescending(s => s.Confidence).ThenBy(s => s.TagId, StringComparer.Ordinal).Select(s => s.ToResponse(commitment.Title))]));
    }

    internal static async Task<Results<Created<CommitmentTagResponse>, Ok<CommitmentTagResponse>, ValidationProblem, ProblemHttpResult>> TagAsync(
        string id, TagCommitmentRequest request, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken)
    {
        if (Reviewer.From(user) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Tag))
        {
            errors["tag"] = ["tag is required: the id of a tag of the vocabulary (GET /api/tags)."];
        }

        if (request.Reason is { Length: > Responses.MaxReasonLength })
        {
            errors["reason"] = [$"reason has at most {Responses.MaxReasonLength} characters."];
        }

        var tag = errors.Count == 0 ? await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.Tag!.Trim(), cancellationToken) : null;
        if (errors.Count == 0 && tag is null)
        {
            errors["tag"] = [$"'{request.Tag}' is not a tag of the vocabulary (GET /api/tags)."];
        }
        else if (tag is { Retired: true })
        {
            errors["tag"] = [$"'{tag.Id}' is retired; it can no longer be applied."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The tag cannot be applied.");
        }

        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Responses.CommitmentId(id), cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        var outcome = await review.TagAsync(commitment, tag!, reviewer, Responses.Clean(request.Reason), cancellationToken);
        if (!outcome.Succeeded)
        {
            return Responses.Problem(outcome);
        }

        var response = outcome.Tag!.ToResponse(tag!.Label);
        return outcome.Status == StatusCodes.Status201Created
            ? TypedResults.Created($"/api/commitments/{commitment.Id}/tags", response)
            : TypedResults.Ok(response);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UntagAsync(
        string id, string tag, string? reason, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken)
    {
        if (Reviewer.From(user) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        if (Responses.CheckReason(reason) is { } invalid)
        {
            return invalid;
        }

        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Responses.CommitmentId(id), cancellationToken);
        if (commitment is null)
        {
            return Responses.CommitmentNotFound(id);
        }

        if (!await db.Tags.AnyAsync(t => t.Id == tag, cancellationToken))
        {
            return Responses.TagNotFound(tag);
        }

        var outcome = await review.UntagAsync(commitment, tag, reviewer, Responses.Clean(reason), cancellationToken);
        return outcome.Succeeded ? TypedResults.NoContent() : Responses.Problem(outcome);
    }

    internal static async Task<Results<Ok<PagedResponse<TagAuditResponse>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string id, int? page, int? pageSize, TaggingDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var commitmentId = Responses.CommitmentId(id);
        if (!await db.Commitments.AnyAsync(c => c.Id == commitmentId, cancellationToken))
        {
            return Responses.CommitmentNotFound(id);
        }

        var query = db.Audit.AsNoTracking().Where(e => e.CommitmentId == commitmentId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<TagAuditResponse>([.. items.Select(e => e.ToResponse())], paging.Page, paging.PageSize, total));
    }
}
