using System.Globalization;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Admin;

/// <summary>An admin issues and revokes API keys. The new key's secret is in the notice after issuing, once.</summary>
internal static class KeyEndpoints
{
    public const string KeysPath = "/admin/keys";
    public const string IssuePath = "/admin/keys/issue";
    public const string IssueFormId = "issue-key";

    public static readonly IReadOnlyList<string> Fields = ["name", "roles", "organisation", "memberScope", "expiresAt"];

    public static string RevokePath(string id) => $"{KeysPath}/{Uri.EscapeDataString(id)}/revoke";

    public static void MapKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(IssuePath, IssueAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{KeysPath}/{{id}}/revoke", RevokeAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> IssueAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        DateTimeOffset? expires = null;
        if (FormActions.Field(form, "expiresAt") is { } typed)
        {
            if (!DateOnly.TryParseExact(typed.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Keys.NotIssued"])], FormActions.Refused(IssueFormId, form, "expiresAt", text["Keys.DateUnreadable"])));
                return FormActions.SeeOther($"{KeysPath}#{IssueFormId}");
            }

            expires = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        var scope = (FormActions.Field(form, "memberScope") ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            var created = await api.CreateApiKeyAsync(
                new CreateApiKeyRequest(FormActions.Field(form, "name")?.Trim(), FormActions.Fields(form, "roles"), FormActions.Field(form, "organisation"), scope, expires),
                context.RequestAborted);
            var notice = new Notice(NoticeKind.Success, text["Keys.Issued", created.Key.Name]) { Secret = created.Secret, SecretLabel = text["Keys.SecretLabel"] };
            flash.Leave(context, new FlashContent([notice], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Keys.NotIssued"])], FormActions.Refused(IssueFormId, form, ApiProblem.Of(refused), [.. Fields])));
            return FormActions.SeeOther($"{KeysPath}#{IssueFormId}");
        }

        return FormActions.SeeOther(KeysPath);
    }

    internal static async Task<IResult> RevokeAsync(string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is null)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            await api.RevokeApiKeyAsync(id, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Keys.Revoked", id])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Keys.NotRevoked", id]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther(KeysPath);
    }
}
