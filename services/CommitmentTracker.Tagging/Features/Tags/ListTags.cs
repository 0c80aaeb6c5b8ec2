using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Tags;

/// <summary><c>GET /api/tags</c>: the tag vocabulary.</summary>
internal static class ListTags
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tags", HandleAsync)
            .WithName(nameof(ListTags))
            .WithSummary("List the tag vocabulary")
            .WithDescription("Parents before their children; retired tags only with includeRetired=true.");

    internal static async Task<Ok<List<TagResponse>>> HandleAsync(TaggingDb db, bool? includeRetired, CancellationToken cancellationToken)
    {
        var query = db.Tags.AsNoTracking();
        if (includeRetired != true)
        {
            query = query.Where(t => !t.Retired);
        }

        var tags = await query
            .OrderBy(t => t.ParentId ?? t.Id).ThenBy(t => t.ParentId != null).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(tags.Select(t => t.ToResponse()).ToList());
    }
}
