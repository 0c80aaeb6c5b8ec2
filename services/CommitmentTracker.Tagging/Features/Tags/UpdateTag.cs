using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Vocabulary;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Tags;

/// <summary><c>PUT /api/tags/{tag}</c>: an admin renames, re-describes, re-parents, retires or restores a tag; the id stays.</summary>
internal static class UpdateTag
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/tags/{tag}", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(UpdateTag))
            .WithSummary("Rename, re-describe, re-parent, retire or restore a tag")
            .WithDescription("Admins only. The id stays, so tags on commitments and their history keep pointing at it. A retired tag is no longer suggested or applied.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TagResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(string tag, UpdateTagRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var found = await db.Tags.FirstOrDefaultAsync(t => t.Id == tag, cancellationToken);
        if (found is null)
        {
            return Responses.TagNotFound(tag);
        }

        var errors = await TagValidation.ValidateChangeAsync(db, found.Id, request.Label, request.Description, request.ParentId, request.Confirmation, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: TagValidation.Title);
        }

        found.Label = request.Label?.Trim() ?? found.Label;
        found.Description = request.Description?.Trim() ?? found.Description;
        found.ParentId = request.ParentId is null ? found.ParentId : TagValidation.Blank(request.ParentId);
        found.Confirmation = request.Confirmation ?? found.Confirmation;
        found.Retired = request.Retired ?? found.Retired;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(found.ToResponse());
    }
}
