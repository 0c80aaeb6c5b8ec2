using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Rules;

/// <summary><c>GET /api/tag-rules</c>: the suggestion rules (admins only).</summary>
internal static class ListTagRules
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tag-rules", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListTagRules))
            .WithSummary("List the suggestion rules");

    internal static async Task<Ok<List<TagRuleResponse>>> HandleAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        var rules = await db.SuggestionRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(r => r.ToResponse()).ToList());
    }
}
