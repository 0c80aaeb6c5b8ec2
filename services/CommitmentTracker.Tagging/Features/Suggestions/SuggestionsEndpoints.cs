using System.Globalization;
using System.Security.Claims;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using CommitmentTracker.Tagging.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary>The review queue (<c>GET /api/tag-suggestions</c>) and accepting or rejecting suggestions, one or many.</summary>
internal static class SuggestionsEndpoints
{
    private const string Open = "open";
    private const string All = "all";

    public static void MapSuggestions(this RouteGroupBuilder api)
    {
        api.MapGet("/tag-suggestions", ListAsync)
            .WithName("ListTagSuggestions")
            .WithSummary("The review queue: suggestions, highest confidence first")
            .WithDescription("status: open (default: pending or proposed), all, pending, proposed, accepted, rejected or superseded; member: a member code; tag: a tag id; paged.")
            .ProducesValidationProblem();
        api.MapPost("/tag-suggestions/{id:guid}/accept", AcceptAsync)
            .RequireAuthorization(TaggingPolicies.Review)
            .WithName("AcceptTagSuggestion")
            .WithSummary("Accept a suggestion")
            .WithDescription("Liaisons and admins. The tag becomes proposed, or confirmed when its policy is met. Send If-Match with the suggestion's version to be told (412) when it changed since you read it; two liaisons acting at once: one wins, the other gets 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost("/tag-suggestions/{id:guid}/reject", RejectAsync)
            .RequireAuthorization(TaggingPolicies.Review)
            .WithName("RejectTagSuggestion")
            .WithSummary("Reject a suggestion")
            .WithDescription("Liaisons and admins, with an optional reason. Rejecting a proposed suggestion withdraws the proposed tag.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost("/tag-suggestions/accept", (BulkReviewRequest request, ClaimsPrincipal user, TaggingDb db, TagReview review, IOptions<TaggingOptions> options, CancellationToken ct) =>
                BulkAsync(request, accept: true, user, db, review, options.Value.MaxBulkReview, ct))
            .RequireAuthorization(TaggingPolicies.Review)
            .WithName("AcceptTagSuggestions")
            .WithSummary("Accept several suggestions at once")
            .WithDescription("Liaisons and admins; at most Tagging:MaxBulkReview (200) ids. Each is decided on its own: the answer lists every id with the status it would have had alone.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/tag-suggestions/reject", (BulkReviewRequest request, ClaimsPrincipal user, TaggingDb db, TagReview review, IOptions<TaggingOptions> options, CancellationToken ct) =>
                BulkAsync(request, accept: false, user, db, review, options.Value.MaxBulkReview, ct))
            .RequireAuthorization(TaggingPolicies.Review)
            .WithName("RejectTagSuggestions")
            .WithSummary("Reject several suggestions at once")
            .WithDescription("Liaisons and admins; at most Tagging:MaxBulkReview (200) ids, one optional reason for all.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    internal static async Task<Results<Ok<PagedResponse<TagSuggestionResponse>>, ValidationProblem>> ListAsync(
        string? status, string? member, string? tag, int? page, int? pageSize, TaggingDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        var wanted = status?.Trim().ToLowerInvariant() ?? Open;
        if (wanted is not (Open or All) && !SuggestionStatus.All.Contains(wanted))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = [$"status is one of {Open}, {All}, {string.Join(", ", SuggestionStatus.All)}."] },
                title: "The filters are not valid.");
        }

        var query = db.Suggestions.AsNoTracking();
        query = wanted switch
        {
            Open => query.Where(s => s.IsOpen),
            All => query,
            _ => query.Where(s => s.Status == wanted),
        };
        if (!string.IsNullOrWhiteSpace(member))
        {
            var code = member.Trim().ToUpperInvariant();
            query = query.Where(s => s.MemberCode == code);
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            var tagId = tag.Trim();
            query = query.Where(s => s.TagId == tagId);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await (from s in query
                          join c in db.Commitments on s.CommitmentId equals c.Id
                          orderby s.Confidence descending, s.CommitmentId, s.TagId
                          select new { s, c.Title })
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<TagSuggestionResponse>([.. rows.Select(r => r.s.ToResponse(r.Title))], paging.Page, paging.PageSize, total));
    }

    internal static Task<Results<Ok<TagSuggestionResponse>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        Guid id, ReviewSuggestionRequest? request, HttpRequest http, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken) =>
        DecideAsync(id, request, accept: true, http, user, db, review, cancellationToken);

    internal static Task<Results<Ok<TagSuggestionResponse>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid id, ReviewSuggestionRequest? request, HttpRequest http, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken) =>
        DecideAsync(id, request, accept: false, http, user, db, review, cancellationToken);

    private static async Task<Results<Ok<TagSuggestionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, ReviewSuggestionRequest? request, bool accept, HttpRequest http, ClaimsPrincipal user, TaggingDb db, TagReview review, CancellationToken cancellationToken)
    {
        if (Reviewer.From(user) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        if (Responses.CheckReason(request?.Reason) is { } invalid)
        {
            return invalid;
        }

        int? expected = null;
        var ifMatch = http.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length > 0)
        {
            if (!int.TryParse(ifMatch.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match is the suggestion's version, e.g. \"3\"."] }, title: "The request is not valid.");
            }

            expected = version;
        }

        var reason = Responses.Clean(request?.Reason);
        var outcome = accept
            ? await review.AcceptAsync(id, reviewer, reason, expected, cancellationToken)
            : await review.RejectAsync(id, reviewer, reason, expected, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Responses.Problem(outcome);
        }

        var title = await db.Commitments.Where(c => c.Id == outcome.Suggestion!.CommitmentId).Select(c => c.Title).FirstAsync(cancellationToken);
        http.HttpContext.Response.Headers.ETag = $"\"{outcome.Suggestion!.Version}\"";
        return TypedResults.Ok(outcome.Suggestion.ToResponse(title));
    }

    private static async Task<Results<Ok<BulkReviewResponse>, ValidationProblem, ProblemHttpResult>> BulkAsync(
        BulkReviewRequest request, bool accept, ClaimsPrincipal user, TaggingDb db, TagReview review, int maxBulk, CancellationToken cancellationToken)
    {
        if (Reviewer.From(user) is not { } reviewer)
        {
            return Responses.NoOrganisation();
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Ids is not { Count: > 0 } || request.Ids.Count > maxBulk)
        {
            errors["ids"] = [$"ids lists 1 to {maxBulk} suggestion ids."];
        }

        if (request.Reason is { Length: > Responses.MaxReasonLength })
        {
            errors["reason"] = [$"reason has at most {Responses.MaxReasonLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The bulk review is not valid.");
        }

        var items = new List<BulkReviewItem>();
        foreach (var id in request.Ids!.Distinct())
        {
            var outcome = accept
                ? await review.AcceptAsync(id, reviewer, Responses.Clean(request.Reason), null, cancellationToken)
                : await review.RejectAsync(id, reviewer, Responses.Clean(request.Reason), null, cancellationToken);
            items.Add(new BulkReviewItem(id, outcome.Status, outcome.Suggestion?.Status, outcome.Detail));
            db.ChangeTracker.Clear();
        }

        var succeeded = items.Count(i => i.Status is >= 200 and < 300);
        return TypedResults.Ok(new BulkReviewResponse(succeeded, items.Count - succeeded, items));
    }
}
