using System.Text.RegularExpressions;
using CommitmentTracker.Tagging.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Vocabulary;

/// <summary>
/// What makes a tag of the vocabulary valid, field by field (the parent must be another tag of the vocabulary, so
/// this needs the database). A new tag needs an id, a label and a description; a change leaves absent fields as they are.
/// </summary>
internal static partial class TagValidation
{
    public const string Title = "The tag is not valid.";

    /// <summary>The field errors of a new tag with the (trimmed) <paramref name="id"/>; empty when it is valid.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateNewAsync(
        TaggingDb db, string id, string? label, string? description, string? parentId, string? confirmation, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TagId().IsMatch(id))
        {
            errors["id"] = ["id is required: 2 to 60 lower-case letters, digits or '-', starting and ending with a letter or digit."];
        }

        await ValidateAsync(db, errors, label, description, parentId, confirmation, id, required: true, cancellationToken);
        return errors;
    }

    /// <summary>The field errors of a change to the tag <paramref name="id"/>; empty when it is valid.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateChangeAsync(
        TaggingDb db, string id, string? label, string? description, string? parentId, string? confirmation, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        await ValidateAsync(db, errors, label, description, parentId, confirmation, id, required: false, cancellationToken);
        return errors;
    }

    /// <summary>A blank value is no value; others are trimmed.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task ValidateAsync(
        TaggingDb db, Dictionary<string, string[]> errors, string? label, string? description, string? parentId, string? confirmation, string id, bool required, CancellationToken cancellationToken)
    {
        if ((required || label is not null) && (string.IsNullOrWhiteSpace(label) || label.Trim().Length > 120))
        {
            errors["label"] = ["label is required, at most 120 characters."];
        }

        if ((required || description is not null) && (string.IsNullOrWhiteSpace(description) || description.Trim().Length > 1000))
        {
            errors["description"] = ["description is required, at most 1000 characters."];
        }

        if (confirmation is not null && !ConfirmationPolicy.IsValid(confirmation))
        {
            errors["confirmation"] = [$"confirmation is {ConfirmationPolicy.OneLiaison} or {ConfirmationPolicy.BothOrganisations}."];
        }

        if (Blank(parentId) is { } parent && (parent == id || !await db.Tags.AnyAsync(t => t.Id == parent, cancellationToken)))
        {
            errors["parentId"] = [$"parentId '{parent}' is not another tag of the vocabulary."];
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$")]
    private static partial Regex TagId();
}
