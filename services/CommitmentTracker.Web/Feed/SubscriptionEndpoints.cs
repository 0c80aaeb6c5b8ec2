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
/// The subscriptions page's form posts: create, change, pause or resume, delete, send a test. Each answers 303 with a
/// notice; a webhook's signing secret, when the API returns one, is in that notice once and nowhere else.
/// </summary>
internal static class SubscriptionEndpoints
{
    public const string ListPath = "/subscriptions";
    public const string NewPath = "/subscriptions/new";
    public const string NewFormId = "new-subscription";

    /// <summary>The kinds of change a subscription can ask for (Notifications' EventKinds.All).</summary>
    public static readonly IReadOnlyList<string> EventKinds =
    [
        "commitment-added", "commitment-changed", "commitment-removed", "action-plan-imported", "tag-proposed", "tag-confirmed", "tag-removed",
        "engagement-category-changed", "engagement-dip",
    ];

    public static readonly IReadOnlyList<string> Channels = ["feed", "email", "webhook"];

    public static readonly IReadOnlyList<string> Frequencies = ["immediate", "daily", "weekly"];

    public static readonly IReadOnlyList<string> Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>The fields of the subscription form, by the API's names: its messages go next to them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["name", "members", "tags", "eventKinds", "channels", "email", "webhookUrl", "frequency", "digestHour", "digestDay", "timeZone"];

    public static string EditPath(Guid id) => $"{ListPath}/{id}";

    public static string EditFormId(Guid id) => $"edit-{id:N}";

    /// <summary>Where the edit form posts: not the edit page's own path, which Blazor answers for posts too.</summary>
    public static string SavePath(Guid id) => $"{ListPath}/{id}/save";

    public static string ActivePath(Guid id) => $"{ListPath}/{id}/active";

    public static string TestPath(Guid id) => $"{ListPath}/{id}/test";

    public static string DeletePath(Guid id) => $"{ListPath}/{id}/delete";

    public static void MapSubscriptionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(NewPath, CreateAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{ListPath}/{{id:guid}}/save", UpdateAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{ListPath}/{{id:guid}}/active", SetActiveAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{ListPath}/{{id:guid}}/test", TestAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost($"{ListPath}/{{id:guid}}/delete", DeleteAsync).RequireAuthorization(WebSession.Policy).DisableAntiforgery().ExcludeFromDescription();
    }

    internal static async Task<IResult> CreateAsync(HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        if (Draft.Read(form) is not { } draft)
        {
            return Refused(context, flash, text, Draft.Unreadable(form, NewFormId, text), $"{ListPath}#{NewFormId}");
        }

        try
        {
            var created = await api.CreateSubscriptionAsync(
                new CreateSubscriptionRequest(draft.Name, draft.Members, draft.Tags, draft.EventKinds, draft.Channels, draft.Email, draft.WebhookUrl, draft.Frequency, draft.DigestHour, draft.DigestDay, draft.TimeZone),
                context.RequestAborted);
            flash.Leave(context, new FlashContent([Saved(text, "Subscriptions.Created", created)], null));
            return FormActions.SeeOther($"{ListPath}#{SubscriptionAnchor(created.Subscription.Id)}");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            return Refused(context, flash, text, FormActions.Refused(NewFormId, form, ApiProblem.Of(refused), [.. Fields]), $"{ListPath}#{NewFormId}");
        }
    }

    internal static async Task<IResult> UpdateAsync(Guid id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var formId = EditFormId(id);
        if (Draft.Read(form) is not { } draft)
        {
            return Refused(context, flash, text, Draft.Unreadable(form, formId, text), EditPath(id));
        }

        try
        {
            // Every field is sent: a list left empty narrows nothing, a channel left out drops its address.
            var changed = await api.UpdateSubscriptionAsync(
                id,
                new UpdateSubscriptionRequest(draft.Name ?? string.Empty, draft.Members, draft.Tags, draft.EventKinds, draft.Channels, draft.Email, draft.WebhookUrl, draft.Frequency, draft.DigestHour, draft.DigestDay, draft.TimeZone, null, null),
                context.RequestAborted);
            flash.Leave(context, new FlashContent([Saved(text, "Subscriptions.Saved", changed)], null));
            return FormActions.SeeOther($"{ListPath}#{SubscriptionAnchor(id)}");
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            return Refused(context, flash, text, FormActions.Refused(formId, form, ApiProblem.Of(refused), [.. Fields]), EditPath(id));
        }
    }

    internal static async Task<IResult> SetActiveAsync(Guid id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var active = string.Equals(FormActions.Field(form, "active"), "true", StringComparison.Ordinal);
        return await ActAsync(context, flash, text, id, async () =>
        {
            await api.UpdateSubscriptionAsync(id, new UpdateSubscriptionRequest(null, null, null, null, null, null, null, null, null, null, null, active, null), context.RequestAborted);
            return new Notice(NoticeKind.Success, text[active ? "Subscriptions.Resumed" : "Subscriptions.Paused"]);
        });
    }

    internal static async Task<IResult> TestAsync(Guid id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is null)
        {
            return TypedResults.BadRequest();
        }

        return await ActAsync(context, flash, text, id, async () =>
        {
            var test = await api.TestSubscriptionAsync(id, context.RequestAborted);
            return new Notice(NoticeKind.Success, text["Subscriptions.TestSent"])
            {
                Lines = [.. test.Deliveries.Select(d => new NoticeLine($"{Localized(text, "Channel", d.Channel)}: {Localized(text, "DeliveryStatus", d.Status)}"))],
            };
        });
    }

    internal static async Task<IResult> DeleteAsync(Guid id, HttpContext context, ICommitmentTrackerApi api, Flash flash, IStringLocalizer<Text> text, IAntiforgery antiforgery)
    {
        if (await FormActions.ValidFormAsync(context, antiforgery) is null)
        {
            return TypedResults.BadRequest();
        }

        return await ActAsync(context, flash, text, id, async () =>
        {
            await api.DeleteSubscriptionAsync(id, context.RequestAborted);
            return new Notice(NoticeKind.Success, text["Subscriptions.Deleted"]);
        });
    }

    public static string SubscriptionAnchor(Guid id) => $"sub-{id:N}";

    internal static string Localized(IStringLocalizer<Text> text, string prefix, string value)
    {
        var found = text[$"{prefix}.{value}"];
        return found.ResourceNotFound ? value : found.Value;
    }


    private static async Task<IResult> ActAsync(HttpContext context, Flash flash, IStringLocalizer<Text> text, Guid id, Func<Task<Notice>> act)
    {
        try
        {
            flash.Leave(context, new FlashContent([await act()], null));
        }
        catch (ApiException refused) when (ApiProblem.IsShown(refused))
        {
            flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Subscriptions.NotDone"]) { Lines = ApiProblem.Of(refused).Lines() }], null));
        }

        return FormActions.SeeOther($"{ListPath}#{SubscriptionAnchor(id)}");
    }

    private static Notice Saved(IStringLocalizer<Text> text, string key, SubscriptionWithSecretResponse saved) =>
        new(NoticeKind.Success, text[key, saved.Subscription.Name ?? string.Empty]) { Secret = saved.WebhookSecret };

    private static IResult Refused(HttpContext context, Flash flash, IStringLocalizer<Text> text, PostedForm form, string back)
    {
        flash.Leave(context, new FlashContent([new Notice(NoticeKind.Error, text["Subscriptions.NotSaved"])], form));
        return FormActions.SeeOther(back);
    }

    /// <summary>The form's fields as the API takes them; null when the digest hour is not a number (the workspace cannot send it).</summary>
    private sealed record Draft(
        string? Name, List<string> Members, List<string> Tags, List<string> EventKinds, List<string> Channels, string? Email, string? WebhookUrl,
        string? Frequency, int? DigestHour, string? DigestDay, string? TimeZone)
    {
        private static readonly char[] Separators = [',', ';', ' ', '\n', '\r', '\t'];

        public static Draft? Read(IFormCollection form)
        {
            int? hour = null;
            if (FormActions.Field(form, "digestHour") is { } typed && !string.IsNullOrWhiteSpace(typed))
            {
                if (!int.TryParse(typed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return null;
                }

                hour = parsed;
            }

            var channels = FormActions.Fields(form, "channels");
            return new Draft(
                FormActions.Field(form, "name")?.Trim(),
                [.. (FormActions.Field(form, "members") ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                FormActions.Fields(form, "tags"),
                FormActions.Fields(form, "eventKinds"),
                channels,
                channels.Contains("email") ? FormActions.Field(form, "email")?.Trim() : null,
                channels.Contains("webhook") ? FormActions.Field(form, "webhookUrl")?.Trim() : null,
                FormActions.Field(form, "frequency"),
                hour,
                Blank(FormActions.Field(form, "digestDay")),
                Blank(FormActions.Field(form, "timeZone")));
        }

        public static PostedForm Unreadable(IFormCollection form, string formId, IStringLocalizer<Text> text) =>
            FormActions.Refused(formId, form, "digestHour", text["Subscriptions.HourUnreadable"]);

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
