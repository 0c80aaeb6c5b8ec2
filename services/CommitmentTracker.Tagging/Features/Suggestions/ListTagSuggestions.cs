using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Suggestions;

/// <summary><c>GET /api/tag-suggestions</c>: the review queue (held suggestions on request), highest confidence first.</summary>
internal static class ListTagSuggestions
{
    private const string Open = "open";
    private const string All = "all";

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tag-suggestions", HandleAsync)
            .WithName(nameof(ListTagSuggestions))
            .WithSummary("The review queue: suggestions, highest confidence first")
            .WithDescription("status: open (default: pending or proposed: the queue), all, pending, held (below Tagging:QueueThreshold, not queued), proposed, accepted, rejected or superseded; member: a member code; tag: a tag id; paged.")
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<PagedResponse<TagSuggestionResponse>>, ValidationProblem>> HandleAsync(
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
            Open => query.Where(s => s.Status == SuggestionStatus.Pending || s.Status == SuggestionStatus.Proposed),
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
}
