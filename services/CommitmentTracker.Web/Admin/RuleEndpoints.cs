using System.Globalization;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Admin;

/// <summary>
/// An admin keeps the suggestion rules (preview on the stored commitments, save, disable), the OGP column mappings, and
/// re-suggests. A preview's outcome travels in the notice (the first <see cref="PreviewLimit"/> commitments) with the form as posted.
/// </summary>
internal static class RuleEndpoints
{
    public const string RulesPath = "/admin/rules";
    public const string SavePath = "/admin/rules/save";
    public const string RecomputePath = "/admin/rules/recompute";
    public const string RuleFormId = "rule-form";
    public const string RecomputeFormId = "resuggest";
    public const int PreviewLimit = 10;

    public static readonly IReadOnlyList<string> Fields = ["id", "tag", "kind", "language", "phrases", "requires", "excludes", "window", "confidence", "enabled"];

    public static string DisablePath(string id) => $"{RulesPath}/{Uri.EscapeDataString(id)}/disable";

    public static string AreasPath(string tag) => $"{RulesPath}/areas/{Uri.EscapeDataString(tag)}";

    public static string AreasFormId(string tag) => $"areas-{tag}";

    public static string EditPage(string id) => $"{RulesPath}?edit={Uri.EscapeDataString(id)}#{RuleFormId}";

    public static string ProgressPage(long id) => $"{RulesPath}?recompute={id.ToString(CultureInfo.InvariantCulture)}#{RecomputeFormId}";

    public static string ProgressPath(long id) => $"{RecomputePath}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static void MapRuleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SavePath, SaveAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{RulesPath}/{{id}}/disable", DisableAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{RulesPath}/areas/{{tag}}", SetAreasAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(RecomputePath, RecomputeAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapGet($"{RecomputePath}/{{id:long}}", ProgressAsync).RequireAuthorization(WebSession.Policy).ExcludeFromDescription();
    }

    /// <summary>Saves the rule (a new one, or the one being edited), or previews it when the "preview" button sent the form.</summary>
    internal static async Task<IResult> SaveAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var editing = FormActions.Field(form, "existing")?.Trim();
        var back = editing is null ? $"{RulesPath}#{RuleFormId}" : EditPage(editing);
        var preview = FormActions.Field(form, "action") == "preview";
        if (!AdminForms.TryNumber(form, "confidence", out var confidence) || !AdminForms.TryNumber(form, "window", out var window) || window is { } w && w != Math.Floor(w))
        {
            var field = AdminForms.TryNumber(form, "confidence", out _) ? "window" : "confidence";
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text[preview ? "Admin.Rules.NotPreviewed" : "Admin.Rules.NotSaved"])], FormActions.Refused(RuleFormId, form, field, text["Admin.Rules.NumberUnreadable"])));
            return FormActions.SeeOther(back);
        }

        var request = new TagRuleRequest(
            editing is null ? FormActions.Field(form, "id")?.Trim() : null, FormActions.Field(form, "tag"), FormActions.Field(form, "kind"),
            FormActions.Field(form, "language") ?? string.Empty, AdminForms.Lines(form, "phrases"), confidence, FormActions.Field(form, "enabled") == "true")
        {
            Requires = AdminForms.Lines(form, "requires"), Excludes = AdminForms.Lines(form, "excludes"), Window = window is null ? null : (int)window.Value,
        };
        try
        {
            if (preview)
            {
                var outcome = await api.PreviewTagRuleAsync(request with { Id = editing ?? request.Id }, PreviewLimit, cancellationToken: context.RequestAborted);
                var notice = new Notice(NoticeKind.Info, text["Admin.Rules.Previewed", outcome.Matched, outcome.Examined])
                {
                    Lines = [.. outcome.Commitments.Select(c => new NoticeLine(text["Admin.Rules.PreviewLine", c.CommitmentId, c.Title, Words(c)], Href: $"/commitments/{Uri.EscapeDataString(c.CommitmentId)}"))],
                };
                flash.Leave(context, new FlashContent([notice], FormActions.Kept(RuleFormId, form)));
                return FormActions.SeeOther(back);
            }

            var saved = editing is null
                ? await api.CreateTagRuleAsync(request, cancellationToken: context.RequestAborted)
                : await api.UpdateTagRuleAsync(editing, request, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Rules.Saved", saved.Id])], null));
            return FormActions.SeeOther($"{RulesPath}#rule-{saved.Id}");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text[preview ? "Admin.Rules.NotPreviewed" : "Admin.Rules.NotSaved"])], FormActions.Refused(RuleFormId, form, ApiProblem.Of(refused), [.. Fields])));
            return FormActions.SeeOther(back);
        }
    }

    internal static async Task<IResult> DisableAsync(string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is null)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            await api.DisableTagRuleAsync(id, safeToRetry: true, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Rules.DisabledNotice", id])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Rules.NotDisabled", id]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther($"{RulesPath}#rule-{id}");
    }

    internal static async Task<IResult> SetAreasAsync(string tag, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var formId = AreasFormId(tag);
        if (!AdminForms.TryNumber(form, "confidence", out var confidence))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Areas.NotSaved", tag])], FormActions.Refused(formId, form, "confidence", text["Admin.Rules.NumberUnreadable"])));
            return FormActions.SeeOther($"{RulesPath}#{formId}");
        }

        try
        {
            var saved = await api.SetTagPolicyAreasAsync(tag, new SetTagPolicyAreasRequest(AdminForms.Lines(form, "policyAreas"), confidence), context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Areas.Saved", saved.Tag])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Areas.NotSaved", tag])], FormActions.Refused(formId, form, ApiProblem.Of(refused), ["policyAreas", "confidence"])));
        }

        return FormActions.SeeOther($"{RulesPath}#{formId}");
    }

    internal static async Task<IResult> RecomputeAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            var job = await api.RecomputeTagSuggestionsAsync(new RecomputeTagSuggestionsRequest(FormActions.Field(form, "reason")?.Trim()), safeToRetry: true, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Admin.Resuggest.Started"])], null));
            return FormActions.SeeOther(ProgressPage(job.Id));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Admin.Resuggest.NotStarted"])], FormActions.Refused(RecomputeFormId, form, ApiProblem.Of(refused), ["reason"])));
            return FormActions.SeeOther($"{RulesPath}#{RecomputeFormId}");
        }
    }

    /// <summary>A re-suggestion's progress for the page's script: figures and the sentence the page shows, in the person's language.</summary>
    internal static async Task<IResult> ProgressAsync(long id, HttpContext context, ICommitmentTrackerApi api, IStringLocalizer<Text> text)
    {
        context.Response.Headers.CacheControl = "no-store";
        var job = await api.GetTagRecomputeAsync(id, context.RequestAborted);
        return TypedResults.Json(new { job.Status, job.Processed, job.Total, Percent = Percent(job), Running = IsRunning(job), Text = ProgressText(job, text) });
    }

    public static bool IsRunning(TagRecomputeResponse job) => job.Status is "queued" or "running";

    public static int Percent(TagRecomputeResponse job) =>
        job.Status == "succeeded" ? 100 : job.Total == 0 ? 0 : (int)Math.Floor(100.0 * Math.Min(job.Processed, job.Total) / job.Total);

    public static string ProgressText(TagRecomputeResponse job, IStringLocalizer text) =>
        text["Admin.Resuggest.Progress", job.Processed, job.Total, Percent(job), text[$"Admin.Resuggest.Status.{job.Status}"], job.Added, job.Updated, job.Superseded];

    private static string Words(TagRulePreviewMatch match) =>
        string.Join(", ", match.Evidence.Select(e => $"“{e.MatchedText}”").Distinct(StringComparer.OrdinalIgnoreCase));
}
