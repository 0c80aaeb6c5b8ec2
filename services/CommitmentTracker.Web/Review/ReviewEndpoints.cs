using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Review;

/// <summary>
/// The review queue's form posts: accept or reject one suggestion (with its version, so a change since the page was
/// read is a 412), or several at once. Each answers 303 back to the queue with a notice saying what came of it.
/// </summary>
internal static class ReviewEndpoints
{
    public const string QueuePath = "/review";
    public const string BulkPath = "/review/bulk";
    public const string Accept = "accept";
    public const string Reject = "reject";

    /// <summary>The id of one row's form, for the API's messages about its reason.</summary>
    public static string FormId(Guid id) => $"decide-{id:N}";

    public const string BulkFormId = "bulk";

    public static string DecidePath(Guid id) => $"{QueuePath}/{id}";

    /// <summary>The anchor of a suggestion's row: a redirect lands on the row it was about.</summary>
    public static string RowId(Guid id) => $"s-{id:N}";

    public static void MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost($"{QueuePath}/{{id:guid}}", DecideAsync).RequireAuthorization(WebSession.Policy)
            .DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(BulkPath, DecideManyAsync).RequireAuthorization(WebSession.Policy)
            .DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> DecideAsync(
        Guid id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        // Checked here rather than by the middleware, which leaves the verdict to form binding: these read the form by hand.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var back = FormActions.Back(FormActions.Field(form, "returnUrl"), QueuePath);
        var decision = FormActions.Field(form, "decision");
        var reason = FormActions.Field(form, "reason")?.Trim();
        var label = Label(FormActions.Field(form, "commitmentId"), FormActions.Field(form, "tag"));
        var version = int.TryParse(FormActions.Field(form, "version"), out var v) ? ReviewQueue.IfMatch(v) : null;
        if (decision is not (Accept or Reject))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Review.ChooseDecision"])], null));
            return FormActions.SeeOther(back);
        }

        try
        {
            var request = new ReviewSuggestionRequest(string.IsNullOrEmpty(reason) ? null : reason);
            var decided = decision == Accept
                ? await api.AcceptTagSuggestionAsync(id, request, version, cancellationToken: context.RequestAborted)
                : await api.RejectTagSuggestionAsync(id, request, version, cancellationToken: context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, $"{label}: {Outcome(text, decided.Status, decided)}")], null));
            return FormActions.SeeOther(back);
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var problem = ApiProblem.Of(refused);
            if (refused.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
            {
                // Someone decided or changed it since the page was read: say what it is now, and show its row as it is.
                var now = await CurrentAsync(api, id, FormActions.Field(form, "member"), FormActions.Field(form, "tag"), context.RequestAborted);
                var state = now is null ? text["Review.NoLongerKnown"].Value : Outcome(text, now.Status, now);
                var notice = new Notice(NoticeKind.Error, text["Review.Changed", label, state]) { Lines = problem.Lines() };
                flash.Leave(context, new FlashContent([notice], null));
                return FormActions.SeeOther($"{back}#{RowId(id)}");
            }

            var posted = FormActions.Refused(FormId(id), form, problem, ["reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Review.NotDecided", label]) { Lines = posted.Errors.Count > 0 ? [] : problem.Lines() }], posted));
            return FormActions.SeeOther($"{back}#{RowId(id)}");
        }
    }

    internal static async Task<IResult> DecideManyAsync(
        HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        // Checked here rather than by the middleware, which leaves the verdict to form binding: these read the form by hand.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var back = FormActions.Back(FormActions.Field(form, "returnUrl"), QueuePath);
        var decision = FormActions.Field(form, "decision");
        var reason = FormActions.Field(form, "reason")?.Trim();
        if (decision is not (Accept or Reject))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Review.ChooseDecision"])], null));
            return FormActions.SeeOther(back);
        }

        // Each row says which commitment and tag it is, so the outcome of each can be told by name.
        var about = FormActions.Fields(form, "about").Select(a => a.Split('|', 3)).Where(p => p.Length == 3 && Guid.TryParse(p[0], out _))
            .GroupBy(p => Guid.Parse(p[0])).ToDictionary(g => g.Key, g => Label(g.First()[1], g.First()[2]));
        var ids = FormActions.Fields(form, "ids").Select(i => Guid.TryParse(i, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        try
        {
            var request = new BulkReviewRequest(ids, string.IsNullOrEmpty(reason) ? null : reason);
            var result = decision == Accept
                ? await api.AcceptTagSuggestionsAsync(request, context.RequestAborted)
                : await api.RejectTagSuggestionsAsync(request, context.RequestAborted);
            var lines = result.Items.Select(item => new NoticeLine(
                $"{(about.TryGetValue(item.Id, out var label) ? label : item.Id.ToString())}: " +
                (item.Status == StatusCodes.Status200OK ? Outcome(text, item.SuggestionStatus, null) : text["Review.ItemConflict", item.Detail ?? string.Empty].Value))).ToList();
            var kind = result.Failed == 0 ? NoticeKind.Success : NoticeKind.Error;
            var summary = text[decision == Accept ? "Review.BulkAccepted" : "Review.BulkRejected", result.Succeeded, result.Items.Count];
            flash.Leave(context, new FlashContent([new Notice(kind, summary) { Lines = lines }], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            var posted = FormActions.Refused(BulkFormId, form, ApiProblem.Of(refused), ["ids", "reason"]);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Review.BulkNotDecided"])], posted));
        }

        return FormActions.SeeOther(back);
    }

    /// <summary>What a decision came to, in words: confirmed, waiting for the other organisation, rejected.</summary>
    internal static string Outcome(IStringLocalizer<Text> text, string? status, TagSuggestionResponse? suggestion) => status switch
    {
        "accepted" => text["Review.Outcome.confirmed"],
        "proposed" when suggestion is not null => text["Review.Outcome.waitingFor", string.Join(", ", ReviewQueue.WaitingFor(suggestion))],
        "proposed" => text["Review.Outcome.waiting"],
        "rejected" => text["Review.Outcome.rejected"],
        "superseded" => text["Review.Outcome.superseded"],
        "pending" => text["Review.Outcome.pending"],
        _ => status ?? string.Empty,
    };

    private static string Label(string? commitmentId, string? tag) => $"{commitmentId ?? "?"} · {tag ?? "?"}";

    /// <summary>The suggestion as it is now, found among its commitment's member and tag (the API has no single-suggestion read).</summary>
    private static async Task<TagSuggestionResponse?> CurrentAsync(ICommitmentTrackerApi api, Guid id, string? member, string? tag, CancellationToken cancellationToken)
    {
        if (member is null || tag is null)
        {
            return null;
        }

        var found = await api.ListTagSuggestionsAsync("all", member, tag, 1, 200, cancellationToken);
        return found.Items.FirstOrDefault(s => s.Id == id);
    }
}
