using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Rules;

/// <summary><c>POST /api/tag-rules/{id}/disable</c>: an admin disables a suggestion rule (disabling a disabled rule changes nothing).</summary>
internal static class DisableTagRule
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-rules/{id}/disable", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(DisableTagRule))
            .WithSummary("Disable a suggestion rule")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TagRuleResponse>, ProblemHttpResult>> HandleAsync(string id, TaggingDb db, CancellationToken cancellationToken)
    {
        var rule = await db.SuggestionRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return Responses.RuleNotFound(id);
        }

        if (rule.Enabled)
        {
            rule.Enabled = false;
            rule.Version++;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(rule.ToResponse());
    }
}
