using CommitmentTracker.Persistence;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Features.Tags;

/// <summary>
/// <c>POST /api/tags</c> and <c>PUT /api/tags/{tag}</c> (admins: the vocabulary; ids never change, tags are retired,
/// never deleted, so history stays intact) and <c>GET /api/tags/{tag}/commitments</c>.
/// </summary>
internal static partial class ManageTags
{
    public static void MapManageTags(this RouteGroupBuilder api)
    {
        api.MapPost("/tags", CreateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateTag")
            .WithSummary("Add a tag to the vocabulary")
            .WithDescription("Admins only. confirmation is one-liaison (default) or both-organisations. An existing id is a 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/tags/{tag}", UpdateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateTag")
            .WithSummary("Rename, re-describe, re-parent, retire or restore a tag")
            .WithDescription("Admins only. The id stays, so tags on commitments and their history keep pointing at it. A retired tag is no longer suggested or applied.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tags/{tag}/commitments", CommitmentsAsync)
            .WithName("ListTaggedCommitments")
            .WithSummary("List the commitments carrying a tag")
            .WithDescription("status=proposed or confirmed narrows the list; paged by page and pageSize.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<TagResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(CreateTagRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var id = request.Id?.Trim() ?? string.Empty;
        if (!TagId().IsMatch(id))
        {
            errors["id"] = ["id is required: 2 to 60 lower-case letters, digits or '-', starting and ending with a letter or digit."];
        }

        await ValidateAsync(db, errors, request.Label, request.Description, request.ParentId, request.Confirmation, id, required: true, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The tag is not valid.");
        }

        if (await db.Tags.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The tag exists already.", detail: $"'{id}' is in the vocabulary (perhaps retired).");
        }

        var tag = new Tag
        {
            Id = id, Label = request.Label!.Trim(), Description = request.Description!.Trim(), ParentId = Blank(request.ParentId),
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

    internal static async Task<Results<Ok<TagResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(string tag, UpdateTagRequest request, TaggingDb db, CancellationToken cancellationToken)
    {
        var found = await db.Tags.FirstOrDefaultAsync(t => t.Id == tag, cancellationToken);
        if (found is null)
        {
            return Responses.TagNotFound(tag);
        }

        var errors = new Dictionary<string, string[]>();
        await ValidateAsync(db, errors, request.Label, request.Description, request.ParentId, request.Confirmation, found.Id, required: false, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The tag is not valid.");
        }

        found.Label = request.Label?.Trim() ?? found.Label;
        found.Description = request.Description?.Trim() ?? found.Description;
        found.ParentId = request.ParentId is null ? found.ParentId : Blank(request.ParentId);
        found.Confirmation = request.Confirmation ?? found.Confirmation;
        found.Retired = request.Retired ?? found.Retired;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(found.ToResponse());
    }

    internal static async Task<Results<Ok<PagedResponse<TaggedCommitmentResponse>>, ValidationProblem, ProblemHttpResult>> CommitmentsAsync(
        string tag, string? status, int? page, int? pageSize, TaggingDb db, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors))
        {
            return PageRequest.Invalid(errors);
        }

        if (status is not (null or "proposed" or "confirmed"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is proposed or confirmed."] }, title: "The filters are not valid.");
        }

        if (!await db.Tags.AnyAsync(t => t.Id == tag, cancellationToken))
        {
            return Responses.TagNotFound(tag);
        }

        var query = from t in db.CommitmentTags.AsNoTracking()
                    join c in db.Commitments.AsNoTracking() on t.CommitmentId equals c.Id
                    where t.TagId == tag && (status == null || t.Status == status)
                    select new { t, c.MemberCode, c.Title };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.t.CommitmentId).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var items = rows.Select(r => new TaggedCommitmentResponse(r.t.CommitmentId, r.MemberCode, r.Title, r.t.Status, StoredLines.Split(r.t.ApprovedBy), r.t.TextChangedSinceConfirmation)).ToList();
        return TypedResults.Ok(new PagedResponse<TaggedCommitmentResponse>(items, paging.Page, paging.PageSize, total));
    }

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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$")]
    private static partial Regex TagId();
}
