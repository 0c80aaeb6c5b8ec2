using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Tagging.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// What makes a suggestion rule valid, field by field (its tag must be an active tag of the vocabulary, so this needs
/// the database). A new rule needs every field but language and enabled; a change leaves absent fields as they are.
/// </summary>
internal static partial class RuleValidation
{
    public const string Title = "The rule is not valid.";
    public const int MaxWindow = 30;

    /// <summary>The field errors of <paramref name="request"/>; empty when it is valid.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateAsync(TagRuleRequest request, TaggingDb db, bool creating, CancellationToken cancellationToken)
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

        if ((creating || request.Kind is not null) && !RuleKind.IsValid(request.Kind))
        {
            errors["kind"] = [$"kind is {RuleKind.Flag}, {RuleKind.Phrase} or {RuleKind.Exclude}."];
        }

        if (creating || request.Phrases is not null)
        {
            var phrases = request.Phrases ?? [];
            var problems = phrases.Select(PhraseSet.Validate).OfType<string>().ToList();
            if (phrases.Count is 0 or > 200 || phrases.Any(p => p?.Contains('\n', StringComparison.Ordinal) == true))
            {
                problems.Insert(0, "phrases lists 1 to 200 phrases, each on one line.");
            }

            if (problems.Count > 0)
            {
                errors["phrases"] = [.. problems];
            }
        }

        foreach (var (field, list) in new[] { ("requires", request.Requires), ("excludes", request.Excludes) })
        {
            if (list is null)
            {
                continue;
            }

            var problems = list.Select(p => p is null ? "Every phrase must have 1 to 200 characters." : PhraseSet.Validate(p)).OfType<string>().Distinct().ToList();
            if (list.Count > 500 || list.Any(p => p?.Contains('\n', StringComparison.Ordinal) == true))
            {
                problems.Insert(0, $"{field} lists at most 500 phrases, each on one line.");
            }

            if (problems.Count > 0)
            {
                errors[field] = [.. problems];
            }
        }

        if (request.Window is not (null or (>= 0 and <= MaxWindow)))
        {
            errors["window"] = [$"window is a number of words from 0 to {MaxWindow}."];
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

    /// <summary>A blank value is no value; others are trimmed.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$")]
    private static partial Regex RuleId();
}
