using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Threads;

/// <summary>
/// A liaison's decisions on a commitment's reform thread (issue 15's links across plans): confirm or reject a suggested
/// link, remove a link with a reason, link a predecessor by hand. Each answers 303 back to the commitment's thread
/// section with a notice, and the API's messages beside the fields when it refused.
/// </summary>
internal static class ThreadEndpoints
{
    public const string LinkFormId = "link-by-hand";
    public const string SectionAnchor = "thread-heading";

    public static string LinkPath(string commitmentId) => $"/commitments/{Uri.EscapeDataString(commitmentId)}/links/add";

    public static string ConfirmPath(string commitmentId, Guid linkId) => $"/commitments/{Uri.EscapeDataString(commitmentId)}/links/{linkId}/confirm";

    public static string RejectPath(string commitmentId, Guid linkId) => $"/commitments/{Uri.EscapeDataString(commitmentId)}/links/{linkId}/reject";

    public static string ConfirmFormId(Guid linkId) => $"confirm-link-{linkId}";

    public static string RejectFormId(Guid linkId) => $"reject-link-{linkId}";

    public static void MapThreadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/commitments/{id}/links/add", LinkAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost("/commitments/{id}/links/{linkId:guid}/confirm", ConfirmAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost("/commitments/{id}/links/{linkId:guid}/reject", RejectAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> LinkAsync(string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var predecessor = FormActions.Field(form, "predecessorId")?.Trim();
        try
        {
            var link = await api.CreateCommitmentLinkAsync(new CreateCommitmentLinkRequest(id, predecessor, Reason(form)), context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Thread.Linked", link.CommitmentId, link.PredecessorId])], null));
            return FormActions.SeeOther(Back(id));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var posted = FormActions.Refused(LinkFormId, form, ApiProblem.Of(refused), ["predecessorId", "reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Thread.NotLinked"])], posted));
            return FormActions.SeeOther($"/commitments/{Uri.EscapeDataString(id)}#{LinkFormId}");
        }
    }

    internal static async Task<IResult> ConfirmAsync(string id, Guid linkId, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var link = await api.ConfirmCommitmentLinkAsync(linkId, new ConfirmCommitmentLinkRequest(Reason(form)), safeToRetry: true, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Thread.Confirmed", link.CommitmentId, link.PredecessorId])], null));
            return FormActions.SeeOther(Back(id));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            // A 409 (another liaison decided first) is told in words; the page shows the link as it now is.
            var posted = FormActions.Refused(ConfirmFormId(linkId), form, ApiProblem.Of(refused), ["reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Thread.NotConfirmed"]) { Lines = posted.Errors.Count > 0 ? [] : ApiProblem.Of(refused).Lines() }], posted));
            return FormActions.SeeOther(Back(id));
        }
    }

    internal static async Task<IResult> RejectAsync(string id, Guid linkId, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var link = await api.RejectCommitmentLinkAsync(linkId, new RejectCommitmentLinkRequest(Reason(form)), safeToRetry: true, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Thread.Rejected", link.CommitmentId, link.PredecessorId])], null));
            return FormActions.SeeOther(Back(id));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var posted = FormActions.Refused(RejectFormId(linkId), form, ApiProblem.Of(refused), ["reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Thread.NotRejected"]) { Lines = posted.Errors.Count > 0 ? [] : ApiProblem.Of(refused).Lines() }], posted));
            return FormActions.SeeOther($"/commitments/{Uri.EscapeDataString(id)}#{RejectFormId(linkId)}");
        }
    }

    private static string Back(string id) => $"/commitments/{Uri.EscapeDataString(id)}#{SectionAnchor}";

    private static string? Reason(IFormCollection form) => FormActions.Field(form, "reason")?.Trim() is { Length: > 0 } reason ? reason : null;
}
