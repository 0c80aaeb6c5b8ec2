using System.Globalization;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Web.Forms;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Refit;

namespace CommitmentTracker.Web.Feed;

/// <summary>
/// The in-app feed's endpoints: the header's unread count for its script, marking items read, and "follow" on a
/// country page (a feed subscription in one click). Posts answer 303 back with a notice.
/// </summary>
internal static class FeedEndpoints
{
    public const string FeedPath = "/notifications";
    public const string UnreadPath = "/notifications/unread-count";
    public const string ReadAllPath = "/notifications/read-all";
    public const string FollowPath = "/subscriptions/follow";

    public static string ReadPath(long id) => $"{FeedPath}/{id}/read";

    public static void MapFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(UnreadPath, UnreadAsync).RequireAuthorization(WebSession.Policy).ExcludeFromDescription();
        endpoints.MapPost($"{FeedPath}/{{id:long}}/read", MarkReadAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(ReadAllPath, MarkAllReadAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(FollowPath, FollowAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>How many items of the person's feed are unread: the API's total of the unread filter.</summary>
    public static async Task<int> UnreadCountAsync(ICommitmentTrackerApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        return (await api.ListNotificationsAsync(true, 1, 1, cancellationToken)).Total;
    }

    /// <summary>The count and its words for the header's script; never cached, it changes as notifications arrive.</summary>
    internal static async Task<IResult> UnreadAsync(HttpContext context, ICommitmentTrackerApi api, IStringLocalizer<Text> text)
    {
        var count = await UnreadCountAsync(api, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new UnreadCount(count, count > 0 ? text["Nav.Unread", count].Value : string.Empty));
    }

    internal static async Task<IResult> MarkReadAsync(long id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var back = FormActions.Back(FormActions.Field(form, "returnUrl"), FeedPath);
        try
        {
            await api.MarkNotificationReadAsync(id, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Feed.MarkedRead"])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Feed.NotMarked"]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther(back);
    }

    /// <summary>Marks read the unread items up to the newest the page showed (not ones that arrived since, which the person has not seen).</summary>
    internal static async Task<IResult> MarkAllReadAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var back = FormActions.Back(FormActions.Field(form, "returnUrl"), FeedPath);
        var upTo = long.TryParse(FormActions.Field(form, "upToId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        try
        {
            var marked = await api.MarkNotificationsReadAsync(new MarkNotificationsReadRequest(upTo), context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Feed.MarkedAllRead", marked.Marked])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Feed.NotMarked"]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther(back);
    }

    /// <summary>"Follow": a feed subscription to one member, every kind of change, immediately.</summary>
    internal static async Task<IResult> FollowAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var member = FormActions.Field(form, "member")?.Trim() ?? string.Empty;
        var name = FormActions.Field(form, "memberName") ?? member;
        var back = FormActions.Back(FormActions.Field(form, "returnUrl"), $"/countries/{Uri.EscapeDataString(member)}");
        try
        {
            var request = new CreateSubscriptionRequest(text["Follow.SubscriptionName", name], [member], null, null, ["feed"], null, null, null, null, null, null);
            await api.CreateSubscriptionAsync(request, context.RequestAborted);
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Success, text["Follow.Following", name])], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Follow.NotFollowing", name]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther(back);
    }

    /// <summary>Whether one of <paramref name="subscriptions"/> is a feed following <paramref name="member"/> (the one "follow" makes, or a wider one).</summary>
    public static bool Follows(IEnumerable<SubscriptionResponse> subscriptions, string member) =>
        subscriptions.Any(s => s.Active && s.Channels.Contains("feed", StringComparer.Ordinal) && s.EventKinds.Count == 0 && s.Tags.Count == 0
            && s.Members.Contains(member, StringComparer.OrdinalIgnoreCase));
}

/// <summary>The header's unread count and the words a screen reader hears for it.</summary>
internal sealed record UnreadCount(int Count, string Text);
