using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Admin;

/// <summary>An admin uploads the OCP Data Registry's publications.json, maps the country names no member matched, and removes a mapping.</summary>
internal static class RegistryEndpoints
{
    public const string RegistryPath = "/admin/registry";
    public const string UploadPath = "/admin/registry/upload";
    public const string MapPath = "/admin/registry/names/map";
    public const string RemovePath = "/admin/registry/names/remove";
    public const string UploadFormId = "upload-registry";

    /// <summary>A country name's form id: stable across the redirect, whatever characters the name has.</summary>
    public static string MapFormId(string name) =>
        $"map-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12]}";

    public static void MapRegistryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(UploadPath, UploadAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(MapPath, SetNameAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(RemovePath, RemoveNameAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> UploadAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        List<OcdsRegistryPublication>? publications = null;
        if (form.Files.GetFile("file") is { Length: > 0 } file)
        {
            try
            {
                await using var stream = file.OpenReadStream();
                publications = await JsonSerializer.DeserializeAsync<List<OcdsRegistryPublication>>(stream, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                // Not a JSON array of publications: said next to the field below.
            }
        }

        if (publications is null)
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Registry.NotImported"])], FormActions.Refused(UploadFormId, form, "file", text["Admin.Registry.FileUnreadable"])));
            return FormActions.SeeOther($"{RegistryPath}#{UploadFormId}");
        }

        try
        {
            var imported = await api.ImportOcdsPublicationsAsync(publications, safeToRetry: true, context.RequestAborted);
            var notice = new Notice(NoticeKind.Success, text["Admin.Registry.Imported", imported.Publications, imported.Mapped, imported.Unmapped.Count])
            {
                Lines = [.. imported.Unmapped.Select(u => new NoticeLine(text["Admin.Registry.UnmappedLine", u.Country, u.PublicationIds.Count]))],
            };
            flash.Leave(context, new FlashContent([notice], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Registry.NotImported"])], FormActions.Refused(UploadFormId, form, ApiProblem.Of(refused), ["file"])));
            return FormActions.SeeOther($"{RegistryPath}#{UploadFormId}");
        }

        return FormActions.SeeOther(RegistryPath);
    }

    internal static async Task<IResult> SetNameAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form || FormActions.Field(form, "name") is not { } name)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var mapped = await api.SetOcdsCountryNameAsync(name, new SetCountryNameRequest(FormActions.Field(form, "memberCode")), safeToRetry: true, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Registry.Mapped", mapped.Name, mapped.MemberCode, mapped.PublicationsMapped ?? 0])], null));
            return FormActions.SeeOther($"{RegistryPath}#names");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var formId = MapFormId(name);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Registry.NotMapped", name])], FormActions.Refused(formId, form, ApiProblem.Of(refused), ["memberCode"])));
            return FormActions.SeeOther($"{RegistryPath}#{formId}");
        }
    }

    internal static async Task<IResult> RemoveNameAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form || FormActions.Field(form, "name") is not { } name)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var removed = await api.RemoveOcdsCountryNameAsync(name, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, removed.MemberCode is { } member
                ? text["Admin.Registry.RemovedNow", removed.Name, member]
                : text["Admin.Registry.RemovedNone", removed.Name])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Registry.NotRemoved", name]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther($"{RegistryPath}#names");
    }
}
