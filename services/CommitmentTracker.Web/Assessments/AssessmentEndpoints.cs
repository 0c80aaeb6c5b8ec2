using System.Globalization;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Assessments;

/// <summary>
/// A liaison's judgements outside the review queue: tagging a commitment by hand, removing a tag with a reason, and a
/// member's mandate assessment. Each answers 303 back to its page with a notice, and the API's messages by field.
/// </summary>
internal static class AssessmentEndpoints
{
    public const string TagFormId = "tag-by-hand";
    public const string MandateFormId = "mandate";

    /// <summary>The mandate's components as the API names them, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> MandateFields = ["politicalLeadership", "namedOfficials", "resources", "coalition"];

    public static string TagPath(string commitmentId) => $"/commitments/{Uri.EscapeDataString(commitmentId)}/tags/add";

    public static string UntagPath(string commitmentId) => $"/commitments/{Uri.EscapeDataString(commitmentId)}/tags/remove";

    public static string UntagFormId(string tag) => $"untag-{tag}";

    public static string MandatePath(string memberCode) => $"/countries/{Uri.EscapeDataString(memberCode)}/mandate";

    public static void MapAssessmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/commitments/{id}/tags/add", TagAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost("/commitments/{id}/tags/remove", UntagAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost("/countries/{code}/mandate", MandateAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> TagAsync(string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var back = $"/commitments/{Uri.EscapeDataString(id)}";
        var tag = FormActions.Field(form, "tag")?.Trim();
        var reason = FormActions.Field(form, "reason")?.Trim();
        try
        {
            var tagged = await api.TagCommitmentAsync(id, new TagCommitmentRequest(tag, string.IsNullOrEmpty(reason) ? null : reason), cancellationToken: context.RequestAborted);
            var outcome = tagged.Status == "confirmed"
                ? text["Review.Outcome.confirmed"].Value
                : text["Review.Outcome.waitingFor", string.Join(", ", Organisations(tagged.ApprovedBy))].Value;
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, $"{id} · {tagged.Tag}: {outcome}")], null));
            return FormActions.SeeOther($"{back}#tags-heading");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var posted = FormActions.Refused(TagFormId, form, ApiProblem.Of(refused), ["tag", "reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Tagging.NotTagged"])], posted));
            return FormActions.SeeOther($"{back}#{TagFormId}");
        }
    }

    internal static async Task<IResult> UntagAsync(string id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var back = $"/commitments/{Uri.EscapeDataString(id)}";
        var tag = FormActions.Field(form, "tag")?.Trim() ?? string.Empty;
        var reason = FormActions.Field(form, "reason")?.Trim();
        try
        {
            await api.UntagCommitmentAsync(id, tag, string.IsNullOrEmpty(reason) ? null : reason, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Tagging.Untagged", id, tag])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var posted = FormActions.Refused(UntagFormId(tag), form, ApiProblem.Of(refused), ["reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Tagging.NotUntagged", id, tag]) { Lines = posted.Errors.Count > 0 ? [] : ApiProblem.Of(refused).Lines() }], posted));
        }

        return FormActions.SeeOther($"{back}#tags-heading");
    }

    /// <summary>
    /// The mandate form: a component with neither score nor note is left as it is; one with a note but no score is
    /// sent as it is, so the API says what it needs.
    /// </summary>
    internal static async Task<IResult> MandateAsync(string code, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var back = $"/countries/{Uri.EscapeDataString(code)}";
        MandateComponentRequest? Component(string field)
        {
            var score = FormActions.Field(form, $"{field}.score");
            var note = FormActions.Field(form, $"{field}.note")?.Trim();
            if (string.IsNullOrWhiteSpace(score) && string.IsNullOrEmpty(note))
            {
                return null;
            }

            return new MandateComponentRequest(int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null, string.IsNullOrEmpty(note) ? null : note, null);
        }

        try
        {
            await api.PutMemberMandateAsync(code, new UpdateMandateRequest(Component("politicalLeadership"), Component("namedOfficials"), Component("resources"), Component("coalition")), cancellationToken: context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Mandate.Saved"])], null));
            return FormActions.SeeOther($"{back}#mandate-heading");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var fields = MandateFields.SelectMany(f => new[] { $"{f}.score", $"{f}.note" }).ToList();
            var posted = FormActions.Refused(MandateFormId, form, ApiProblem.Of(refused), fields);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Mandate.NotSaved"])], posted));
            return FormActions.SeeOther($"{back}#{MandateFormId}");
        }
    }

    private static IEnumerable<string> Organisations(IReadOnlyList<string> approvedBy) =>
        CommitmentTracker.ServiceDefaults.Security.Organisations.All.Where(o => !approvedBy.Contains(o, StringComparer.OrdinalIgnoreCase));
}
