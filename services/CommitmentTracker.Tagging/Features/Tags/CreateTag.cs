using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Tags;

/// <summary><c>POST /api/tags</c>: an admin adds a tag to the vocabulary (ids never change; tags are retired, never deleted).</summary>
internal static class CreateTag
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tags", HandleAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(CreateTag))
            .WithSummary("Add a tag to the vocabulary")
            .WithDescription("Admins only. confirmation is one-liaison (default) or both-organisations. An existing id is a 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<TagResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(CreateTagRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var id = request.Id?.Trim() ?? string.Empty;
        var errors = await TagValidation.ValidateNewAsync(db, id, request.Label, request.Description, request.ParentId, request.Confirmation, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: TagValidation.Title);
        }

        if (await db.Tags.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tag exists already.", detail: $"'{id}' is in the vocabulary (perhaps retired).");
        }

        var tag = new Tag
        {
            Id = id, Label = request.Label!.Trim(), Description = request.Description!.Trim(), ParentId = TagValidation.Blank(request.ParentId),
            Confirmation = request.Confirmation ?? ConfirmationPolicy.OneLiaison,
        };
        db.Tags.Add(tag);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tag exists already.", detail: $"'{id}' was added at the same time.");
        }

        return TypedResults.Created($"/api/tags/{id}", tag.ToResponse());
    }
}
