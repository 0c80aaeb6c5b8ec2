using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Components;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Imports;

/// <summary>
/// An admin uploads a sheet for a dry run (the file passed on to the API as it came), applies the dry run, and watches
/// its progress. The API decides who may: a refusal is shown in its words.
/// </summary>
internal static class ImportEndpoints
{
    public const string ImportsPath = "/imports";
    public const string UploadPath = "/imports/upload";
    public const string UploadFormId = "upload";

    /// <summary>The API's default file limit (Imports:MaxFileBytes, 200 MB) and room for the form around it: the API answers a larger file itself.</summary>
    private const long MaxUploadBytes = 201L * 1024 * 1024;

    public static string ImportPath(Guid id) => $"{ImportsPath}/{id}";

    public static string ApplyPath(Guid id) => $"{ImportsPath}/{id}/apply";

    public static string ProgressPath(Guid id) => $"{ImportsPath}/{id}/progress";

    public static void MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(UploadPath, UploadAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes)).WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes).ExcludeFromDescription();
        endpoints.MapPost($"{ImportsPath}/{{id:guid}}/apply", ApplyAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapGet($"{ImportsPath}/{{id:guid}}/progress", ProgressAsync).RequireAuthorization(WebSession.Policy).ExcludeFromDescription();
    }

    /// <summary>Starts a dry run of the uploaded file and goes to its page; a file the API refuses is said beside the field.</summary>
    internal static async Task<IResult> UploadAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Imports.NotStarted"])], FormActions.Refused(UploadFormId, form, "file", text["Imports.ChooseFile"])));
            return FormActions.SeeOther($"{ImportsPath}#{UploadFormId}");
        }

        try
        {
            await using var content = file.OpenReadStream();
            var name = Path.GetFileName(file.FileName) is { Length: > 0 } fileName ? fileName : "upload";
            var started = await api.StartImportAsync(new StreamPart(content, name, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType), dryRun: true, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Imports.DryRunStarted", started.Source])], null));
            return FormActions.SeeOther(ImportPath(started.Id));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var problem = ApiProblem.Of(refused);
            var messages = problem.Errors.Count > 0
                ? problem.Errors.SelectMany(e => e.Value).ToArray()
                : [string.Join(" ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)))];
            var posted = new PostedForm(UploadFormId, new Dictionary<string, string[]>(), new Dictionary<string, string[]> { ["file"] = messages });
            // Someone the API does not let import has no form on the page to show the message beside: the notice says it.
            var notice = new Notice(NoticeKind.Error, text["Imports.NotStarted"]) { Lines = problem.Status == StatusCodes.Status403Forbidden ? problem.Lines() : [] };
            flash.Leave(context, new FlashContent([notice], posted));
            return FormActions.SeeOther($"{ImportsPath}#{UploadFormId}");
        }
    }

    /// <summary>Applies a dry run from the file the API kept, and goes to the new import's page to watch it.</summary>
    internal static async Task<IResult> ApplyAsync(Guid id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var started = await api.ImportDryRunAsync(id, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Imports.ApplyStarted", started.Source])], null));
            return FormActions.SeeOther(ImportPath(started.Id));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Imports.NotApplied"]) { Lines = ApiProblem.Of(refused).Lines() }], null));
            return FormActions.SeeOther(ImportPath(id));
        }
    }

    /// <summary>Rows read of the total, for the page's script; never cached, it changes while the import runs.</summary>
    internal static async Task<IResult> ProgressAsync(Guid id, HttpContext context, ICommitmentTrackerApi api, IStringLocalizer<Text> text)
    {
        ImportResponse import;
        try
        {
            import = await api.GetImportAsync(id, context.RequestAborted);
        }
        catch (ApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        var progress = ImportProgressView.Of(import, text);
        return TypedResults.Json(new ImportProgressJson(import.Status, progress.Finished, import.Counts.RowsRead, import.RowsTotal, progress.Text, text[$"Imports.Status.{import.Status}"].Value));
    }
}

internal sealed record ImportProgressJson(string Status, bool Finished, int RowsRead, int? RowsTotal, string Text, string StatusText);

/// <summary>An import's progress in words, the same on the page and in the script's answers.</summary>
internal sealed record ImportProgressView(bool Finished, int RowsRead, int? RowsTotal, string Text)
{
    public static ImportProgressView Of(ImportResponse import, IStringLocalizer<Text> text)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(text);
        var read = import.Counts.RowsRead;
        var finished = import.Status is not ("queued" or "running");
        var words = import.RowsTotal is { } total and > 0
            ? text["Imports.ProgressOf", Format.Number(read), Format.Number(total), Format.Percent(Math.Min(1, read / (double)total))].Value
            : text["Imports.ProgressRows", Format.Number(read)].Value;
        return new ImportProgressView(finished, read, import.RowsTotal, words);
    }
}
