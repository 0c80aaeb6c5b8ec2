using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Admin;

/// <summary>An admin keeps the tag vocabulary: adds a tag, renames, re-describes, re-parents it, changes its confirmation policy, retires or restores it.</summary>
internal static class TagEndpoints
{
    public const string TagsPath = "/admin/tags";
    public const string CreatePath = "/admin/tags/create";
    public const string CreateFormId = "create-tag";
    public const string EditFormId = "edit-tag";

    public static readonly IReadOnlyList<string> Fields = ["id", "label", "description", "parentId", "confirmation"];

    public static string UpdatePath(string id) => $"{TagsPath}/{Uri.EscapeDataString(id)}/update";

    public static string RetirePath(string id, bool retire) => $"{TagsPath}/{Uri.EscapeDataString(id)}/{(retire ? "retire" : "restore")}";

    public static string EditPage(string id) => $"{TagsPath}?edit={Uri.EscapeDataString(id)}#{EditFormId}";

    public static void MapTagEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(CreatePath, CreateAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{TagsPath}/{{id}}/update", UpdateAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{TagsPath}/{{id}}/retire", (string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery) =>
            RetireAsync(id, retire: true, context, api, flash, text, antiforgery)).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{TagsPath}/{{id}}/restore", (string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery) =>
            RetireAsync(id, retire: false, context, api, flash, text, antiforgery)).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> CreateAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var created = await api.CreateTagAsync(
                new CreateTagRequest(FormActions.Field(form, "id")?.Trim(), FormActions.Field(form, "label"), FormActions.Field(form, "description"), FormActions.Field(form, "parentId"), FormActions.Field(form, "confirmation")),
                cancellationToken: context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Tags.Created", created.Label, created.Id])], null));
            return FormActions.SeeOther($"{TagsPath}#tag-{created.Id}");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Tags.NotCreated"])], FormActions.Refused(CreateFormId, form, ApiProblem.Of(refused), [.. Fields])));
            return FormActions.SeeOther($"{TagsPath}#{CreateFormId}");
        }
    }

    internal static async Task<IResult> UpdateAsync(string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            // An empty parent field takes the tag out from under its parent: the API reads "" as "none".
            var updated = await api.UpdateTagAsync(id, new UpdateTagRequest(
                FormActions.Field(form, "label") ?? string.Empty, FormActions.Field(form, "description") ?? string.Empty, FormActions.Field(form, "parentId") ?? string.Empty,
                FormActions.Field(form, "confirmation"), null), context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Tags.Updated", updated.Label, updated.Id])], null));
            return FormActions.SeeOther($"{TagsPath}#tag-{updated.Id}");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Tags.NotUpdated", id])], FormActions.Refused(EditFormId, form, ApiProblem.Of(refused), [.. Fields])));
            return FormActions.SeeOther(EditPage(id));
        }
    }

    internal static async Task<IResult> RetireAsync(string id, bool retire, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is null)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var updated = await api.UpdateTagAsync(id, new UpdateTagRequest(null, null, null, null, retire), context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text[retire ? "Admin.Tags.RetiredNotice" : "Admin.Tags.RestoredNotice", updated.Label, updated.Id])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Tags.NotUpdated", id]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther($"{TagsPath}#tag-{id}");
    }
}
