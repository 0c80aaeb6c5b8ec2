using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.PolicyAreas;

/// <summary><c>GET /api/tag-policy-areas</c>: every active tag and the OGP policy-area columns whose flag is evidence for it (admins only).</summary>
internal static class ListTagPolicyAreas
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tag-policy-areas", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListTagPolicyAreas))
            .WithSummary("List which OGP policy-area columns are evidence for each tag")
            .WithDescription("Admins only. A tag without a mapping has no column (version 0); confidence is the estimate for flag evidence before the calibration has examples.");

    internal static async Task<Ok<List<TagPolicyAreasResponse>>> HandleAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        var tags = await db.Tags.AsNoTracking().Where(t => !t.Retired).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        var mappings = await db.PolicyAreas.AsNoTracking().ToDictionaryAsync(m => m.TagId, cancellationToken);
        return TypedResults.Ok(tags.Select(t => mappings.TryGetValue(t, out var mapping) ? mapping.ToResponse() : new TagPolicyAreasResponse(t, [], new PolicyAreaMapping { TagId = t }.Confidence, 0)).ToList());
    }
}
