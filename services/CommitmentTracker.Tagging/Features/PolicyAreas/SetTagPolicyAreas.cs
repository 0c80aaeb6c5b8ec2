using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Persistence;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.PolicyAreas;

/// <summary><c>PUT /api/tag-policy-areas/{tag}</c>: an admin sets which OGP policy-area columns are evidence for a tag.</summary>
internal static class SetTagPolicyAreas
{
    private const string Invalid = "The policy areas are not valid.";
    private const int MaxAreas = 30;
    private const int MaxAreaLength = 100;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/tag-policy-areas/{tag}", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(SetTagPolicyAreas))
            .WithSummary("Set which OGP policy-area columns are evidence for a tag")
            .WithDescription("Admins only. policyAreas replaces the tag's columns (sheet names such as 'Health & Nutrition'; an empty list: no flag is evidence for the tag); confidence in (0, 1] is kept when absent. Applies to the next commitment added or changed; recompute (POST /api/tag-suggestions/recompute) to apply it to stored ones.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TagPolicyAreasResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string tag, SetTagPolicyAreasRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var found = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tag, cancellationToken);
        if (found is null)
        {
            return Responses.TagNotFound(tag);
        }

        var errors = Validate(request, found);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: Invalid);
        }

        var mapping = await db.PolicyAreas.FirstOrDefaultAsync(m => m.TagId == found.Id, cancellationToken);
        if (mapping is null)
        {
            mapping = new PolicyAreaMapping { TagId = found.Id };
            db.PolicyAreas.Add(mapping);
        }
        else
        {
            mapping.Version++;
        }

        mapping.PolicyAreas = StoredLines.Join(request.PolicyAreas!.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase));
        mapping.Confidence = request.Confidence ?? mapping.Confidence;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The policy areas changed meanwhile.", detail: "Another admin changed this tag's policy areas at the same time. Reload and try again.");
        }

        return TypedResults.Ok(mapping.ToResponse());
    }

    private static Dictionary<string, string[]> Validate(SetTagPolicyAreasRequest request, Tag tag)
    {
        var errors = new Dictionary<string, string[]>();
        if (tag.Retired)
        {
            errors["tag"] = [$"Tag '{tag.Id}' is retired: nothing is suggested for it."];
        }

        if (request.PolicyAreas is not { } areas || areas.Count > MaxAreas
            || areas.Any(a => string.IsNullOrWhiteSpace(a) || a.Trim().Length > MaxAreaLength || a.Contains('\n', StringComparison.Ordinal)))
        {
            errors["policyAreas"] = [$"policyAreas lists 0 to {MaxAreas} OGP policy-area column names, each 1 to {MaxAreaLength} characters on one line."];
        }

        if (request.Confidence is not (null or (> 0 and <= 1)))
        {
            errors["confidence"] = ["confidence is a number in (0, 1]."];
        }

        return errors;
    }
}
