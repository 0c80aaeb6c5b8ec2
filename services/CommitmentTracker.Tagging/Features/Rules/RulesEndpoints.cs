using CommitmentTracker.Persistence;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Rules;

/// <summary>
/// Suggestion rules, admins only: <c>GET /api/tag-rules</c>, <c>POST</c>, <c>PUT /api/tag-rules/{id}</c> and
/// <c>POST /api/tag-rules/{id}/disable</c>. A change applies to the next commitment added or changed, without a redeploy.
/// </summary>
internal static partial class RulesEndpoints
{
    public static void MapRules(this RouteGroupBuilder api)
    {
        api.MapGet("/tag-rules", ListAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("ListTagRules")
            .WithSummary("List the suggestion rules");
        api.MapPost("/tag-rules", CreateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateTagRule")
            .WithSummary("Add a suggestion rule")
            .WithDescription("kind flag: phrases are OGP policy-area names (e.g. Open Contracting); kind phrase: whole words in title or full text, case and accent insensitive, a trailing * matches any ending. confidence is in (0, 1].")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/tag-rules/{id}", UpdateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateTagRule")
            .WithSummary("Change a suggestion rule (phrases, tag, confidence, language, enabled)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tag-rules/{id}/disable", DisableAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("DisableTagRule")
            .WithSummary("Disable a suggestion rule")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Ok<List<TagRuleResponse>>> ListAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        var rules = await db.SuggestionRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(r => r.ToResponse()).ToList());
    }

    internal static async Task<Results<Created<TagRuleResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(TagRuleRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, db, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The rule is not valid.");
        }

        var id = request.Id!.Trim();
        if (await db.SuggestionRules.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The rule exists already.", detail: $"Rule '{id}' exists; change it with PUT.");
        }

        var rule = new SuggestionRule
        {
            Id = id, TagId = request.Tag!.Trim(), Kind = request.Kind!, Language = Blank(request.Language),
            Phrases = StoredLines.Join(request.Phrases!.Select(p => p.Trim())), Confidence = request.Confidence!.Value, Enabled = request.Enabled ?? true,
        };
        db.SuggestionRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tag-rules/{id}", rule.ToResponse());
    }

    internal static async Task<Results<Ok<TagRuleResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(string id, TagRuleRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var rule = await db.SuggestionRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return RuleNotFound(id);
        }

        var errors = await ValidateAsync(request, db, creating: false, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The rule is not valid.");
        }

        rule.TagId = request.Tag?.Trim() ?? rule.TagId;
        rule.Kind = request.Kind ?? rule.Kind;
        rule.Language = request.Language is null ? rule.Language : Blank(request.Language);
        rule.Phrases = request.Phrases is null ? rule.Phrases : StoredLines.Join(request.Phrases.Select(p => p.Trim()));
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

    internal static async Task<Results<Ok<TagRuleResponse>, ProblemHttpResult>> DisableAsync(string id, TaggingDb db, CancellationToken cancellationToken)
    {
        var rule = await db.SuggestionRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return RuleNotFound(id);
        }

        if (rule.Enabled)
        {
            rule.Enabled = false;
            rule.Version++;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(rule.ToResponse());
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(TagRuleRequest request, TaggingDb db, bool creating, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && (request.Id is null || !RuleId().IsMatch(request.Id.Trim())))
        {
            errors["id"] = ["id is required: 2 to 60 lower-case letters, digits or '-'."];
        }

        if ((creating || request.Tag is not null) && (string.IsNullOrWhiteSpace(request.Tag) || !await db.Tags.AnyAsync(t => t.Id == request.Tag.Trim() && !t.Retired, cancellationToken)))
        {
            errors["tag"] = [$"tag '{request.Tag}' is not an active tag of the vocabulary."];
        }

        if ((creating || request.Kind is not null) && request.Kind is not (RuleKind.Flag or RuleKind.Phrase))
        {
            errors["kind"] = [$"kind is {RuleKind.Flag} or {RuleKind.Phrase}."];
        }

        if (creating || request.Phrases is not null)
        {
            var phrases = request.Phrases ?? [];
            var problems = phrases.Select(SuggestionEngine.Validate).OfType<string>().ToList();
            if (phrases.Count is 0 or > 200 || phrases.Any(p => p?.Contains('\n', StringComparison.Ordinal) == true))
            {
                problems.Insert(0, "phrases lists 1 to 200 phrases, each on one line.");
            }

            if (problems.Count > 0)
            {
                errors["phrases"] = [.. problems];
            }
        }

        if ((creating || request.Confidence is not null) && request.Confidence is not (> 0 and <= 1))
        {
            errors["confidence"] = ["confidence is a number in (0, 1]."];
        }

        if (request.Language is { Length: > 10 })
        {
            errors["language"] = ["language is a short code such as en, es, fr, pt or ru."];
        }

        return errors;
    }

    private static ProblemHttpResult RuleNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The rule does not exist.", detail: $"There is no rule '{id}' (GET /api/tag-rules).");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$")]
    private static partial Regex RuleId();
}
