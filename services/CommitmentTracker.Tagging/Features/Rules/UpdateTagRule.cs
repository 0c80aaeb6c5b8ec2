using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Rules;

/// <summary><c>PUT /api/tag-rules/{id}</c>: an admin changes a suggestion rule; absent fields stay as they are.</summary>
internal static class UpdateTagRule
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/tag-rules/{id}", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(UpdateTagRule))
            .WithSummary("Change a suggestion rule (phrases, requires, excludes, window, tag, confidence, language, enabled)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TagRuleResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(string id, TagRuleRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var rule = await db.SuggestionRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return Responses.RuleNotFound(id);
        }

        var errors = await RuleValidation.ValidateAsync(request, db, creating: false, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: RuleValidation.Title);
        }

        rule.TagId = request.Tag?.Trim() ?? rule.TagId;
        rule.Kind = request.Kind ?? rule.Kind;
        rule.Language = request.Language is null ? rule.Language : RuleValidation.Blank(request.Language);
        rule.Phrases = request.Phrases is null ? rule.Phrases : StoredLines.Join(request.Phrases.Select(p => p.Trim()));
        rule.Requires = request.Requires is null ? rule.Requires : StoredLines.Join(request.Requires.Select(p => p.Trim()));
        rule.Excludes = request.Excludes is null ? rule.Excludes : StoredLines.Join(request.Excludes.Select(p => p.Trim()));
        rule.Window = request.Window ?? rule.Window;
        rule.Confidence = request.Confidence ?? rule.Confidence;
        rule.Enabled = request.Enabled ?? rule.Enabled;
        rule.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The rule changed meanwhile.", detail: "Another admin changed this rule at the same time. Reload and try again.");
        }

        return TypedResults.Ok(rule.ToResponse());
    }
}
