using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Rules;

/// <summary>
/// <c>POST /api/tag-rules/preview</c>: an admin sees what a rule would match on the stored commitments before saving
/// it. The rule runs through the suggestion engine itself (<see cref="SuggestionEngine.MatchesOf"/>), alone, and nothing
/// is stored.
/// </summary>
internal static class PreviewTagRule
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The id a rule previewed without one is given: a new rule's id is not needed to see what it matches.</summary>
    private const string UnsavedId = "unsaved-rule";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tag-rules/preview", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(PreviewTagRule))
            .WithSummary("Preview what a suggestion rule would match on the stored commitments")
            .WithDescription($"Admins only; nothing is stored. The body is a rule as POST /api/tag-rules takes it (id optional): with the id of an existing rule, absent fields are that rule's, as PUT /api/tag-rules/{{id}} would leave them. The rule runs by itself (enabled, without calibration or the other rules) over every stored commitment that was not removed: matched counts the commitments where it finds evidence, commitments lists the first ones by id with the words matched (limit: 1 to {MaxLimit}, default {DefaultLimit}). An invalid rule is a 400 naming each field, as saving it would be.")
            .WithValidationTitle(RuleValidation.Title)
            .ProducesValidationProblem();

    internal static async Task<Results<Ok<TagRulePreviewResponse>, ValidationProblem>> HandleAsync(
        TagRuleRequest request, int? limit, TaggingDb db, CancellationToken cancellationToken)
    {
        var id = RuleValidation.Blank(request.Id);
        var existing = id is null ? null : await db.SuggestionRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var errors = existing is null
            ? await RuleValidation.ValidateAsync(request with { Id = id ?? UnsavedId }, db, creating: true, cancellationToken)
            : await RuleValidation.ValidateAsync(request, db, creating: false, cancellationToken);
        if (limit is not (null or (>= 1 and <= MaxLimit)))
        {
            errors["limit"] = [$"limit is a number from 1 to {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: RuleValidation.Title);
        }

        var rule = existing is null ? Candidate(id ?? UnsavedId, request) : Candidate(existing, request);
        var engine = new SuggestionEngine([rule]);
        var shown = new List<TagRulePreviewMatch>();
        var (examined, matched) = (0, 0);
        await foreach (var commitment in db.Commitments.AsNoTracking().Where(c => !c.Removed).OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            examined++;
            var text = new CommitmentText(commitment.Title, commitment.FullText, commitment.PolicyAreaList, commitment.LeadInstitution, commitment.SupportingInstitutions, commitment.Theme);
            if (engine.MatchesOf(text) is not [var matches, ..])
            {
                continue;
            }

            matched++;
            if (shown.Count < (limit ?? DefaultLimit))
            {
                shown.Add(new TagRulePreviewMatch(commitment.Id, commitment.MemberCode, commitment.Title, matches.Count,
                    [.. matches.Evidence.Select(e => new TagEvidence(e.Rule, e.Field, e.MatchedText) { Part = e.Part })]));
            }
        }

        return TypedResults.Ok(new TagRulePreviewResponse(rule.Id, rule.TagId, rule.Kind, examined, matched, shown));
    }

    private static SuggestionRule Candidate(string id, TagRuleRequest request) => new()
    {
        Id = id, TagId = request.Tag!.Trim(), Kind = request.Kind!, Language = RuleValidation.Blank(request.Language),
        Phrases = StoredLines.Join(request.Phrases!.Select(p => p.Trim())), Confidence = request.Confidence!.Value, Enabled = true,
        Requires = StoredLines.Join((request.Requires ?? []).Select(p => p.Trim())), Excludes = StoredLines.Join((request.Excludes ?? []).Select(p => p.Trim())),
        Window = request.Window ?? SuggestionRule.DefaultWindow,
    };

    // As UpdateTagRule would leave the stored rule: absent fields stay.
    private static SuggestionRule Candidate(SuggestionRule stored, TagRuleRequest request) => new()
    {
        Id = stored.Id, TagId = request.Tag?.Trim() ?? stored.TagId, Kind = request.Kind ?? stored.Kind,
        Language = request.Language is null ? stored.Language : RuleValidation.Blank(request.Language),
        Phrases = request.Phrases is null ? stored.Phrases : StoredLines.Join(request.Phrases.Select(p => p.Trim())),
        Requires = request.Requires is null ? stored.Requires : StoredLines.Join(request.Requires.Select(p => p.Trim())),
        Excludes = request.Excludes is null ? stored.Excludes : StoredLines.Join(request.Excludes.Select(p => p.Trim())),
        Window = request.Window ?? stored.Window, Confidence = request.Confidence ?? stored.Confidence, Enabled = true,
    };
}
