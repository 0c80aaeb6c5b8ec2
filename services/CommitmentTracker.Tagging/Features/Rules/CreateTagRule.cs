using CommitmentTracker.Persistence;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Rules;

/// <summary><c>POST /api/tag-rules</c>: an admin adds a suggestion rule; it applies to the next commitment added or changed.</summary>
internal static class CreateTagRule
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-rules", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(CreateTagRule))
            .WithSummary("Add a suggestion rule")
            .WithDescription("kind flag: phrases are OGP policy-area names (e.g. Open Contracting; prefer /api/tag-policy-areas); kind phrase: whole words in title or full text, case and accent insensitive, a trailing * matches any ending; kind exclude: phrases that contradict OGP's flag for the tag. requires / excludes: phrases one of which must (none of which may) stand within window words of a match, in the same sentence. confidence is in (0, 1]: the estimate before the calibration has examples.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<TagRuleResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(TagRuleRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var errors = await RuleValidation.ValidateAsync(request, db, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: RuleValidation.Title);
        }

        var id = request.Id!.Trim();
        if (await db.SuggestionRules.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The rule exists already.", detail: $"Rule '{id}' exists; change it with PUT.");
        }

        var rule = new SuggestionRule
        {
            Id = id, TagId = request.Tag!.Trim(), Kind = request.Kind!, Language = RuleValidation.Blank(request.Language),
            Phrases = StoredLines.Join(request.Phrases!.Select(p => p.Trim())), Confidence = request.Confidence!.Value, Enabled = request.Enabled ?? true,
            Requires = StoredLines.Join((request.Requires ?? []).Select(p => p.Trim())), Excludes = StoredLines.Join((request.Excludes ?? []).Select(p => p.Trim())),
            Window = request.Window ?? SuggestionRule.DefaultWindow,
        };
        db.SuggestionRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tag-rules/{id}", rule.ToResponse());
    }
}
