using System.Globalization;
using System.Net;
using System.Text;
using CommitmentTracker.Contracts.Api;
using MimeKit;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>Writes a notification or a digest as an email: a plain-text part and an HTML part saying the same.</summary>
internal static class EmailComposer
{
    public static MimeMessage Compose(string from, string to, string subject, IReadOnlyList<(string? Heading, IReadOnlyList<NotificationContent> Items)> sections, string intro, string unsubscribeUrl)
    {
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.AppendLine(intro).AppendLine();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(intro)}</p>");
        foreach (var (heading, items) in sections)
        {
            if (heading is not null)
            {
                text.AppendLine(heading).AppendLine(new string('=', heading.Length));
                html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(heading)}</h2>");
            }

            foreach (var item in items)
            {
                AppendItem(text, html, item);
            }
        }

        text.AppendLine("--").AppendLine(CultureInfo.InvariantCulture, $"Stop these emails: {unsubscribeUrl}");
        html.Append(CultureInfo.InvariantCulture, $"<hr><p style=\"font-size:small\"><a href=\"{Encode(unsubscribeUrl)}\">Unsubscribe</a> from these emails.</p></body></html>");

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        // One-click unsubscribe (RFC 8058): mail clients POST to the link without opening it.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    public static string SubjectOf(NotificationContent content) =>
        content.CommitmentId is { } id ? $"[Commitment Tracker] {Label(content.Kind)}: {id}" : $"[Commitment Tracker] {Label(content.Kind)}: {content.MemberCode}";

    private static void AppendItem(StringBuilder text, StringBuilder html, NotificationContent item)
    {
        var when = item.OccurredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture, $"{Label(item.Kind)} ({when})").AppendLine(item.Summary);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Encode(Label(item.Kind))}</h3><p>{Encode(item.Summary)}<br><small>{Encode(when)}</small></p>");
        if (item.Title is { } title)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Title: {title}");
            html.Append(CultureInfo.InvariantCulture, $"<p><b>{Encode(title)}</b></p>");
        }

        if (item.Changes.Count > 0)
        {
            html.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\"><tr><th>Field</th><th>Before</th><th>After</th></tr>");
            foreach (var change in item.Changes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {change.Field}: {change.Before ?? "(empty)"} -> {change.After ?? "(empty)"}");
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(change.Field)}</td><td>{Encode(change.Before ?? "(empty)")}</td><td>{Encode(change.After ?? "(empty)")}</td></tr>");
            }

            html.Append("</table>");
        }

        if (item.OgpUrl is { } ogp)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"On OGP's site: {ogp}");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(ogp)}\">The commitment on OGP's site</a></p>");
        }

        if (item.TrackerUrl is { } tracker)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"In the tracker: {tracker}");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(tracker)}\">The commitment in the tracker</a></p>");
        }

        text.AppendLine();
    }

    private static string Label(string kind) => kind switch
    {
        EventKinds.CommitmentAdded => "Commitment added",
        EventKinds.CommitmentChanged => "Commitment changed",
        EventKinds.CommitmentRemoved => "Commitment removed",
        EventKinds.ActionPlanImported => "New action plan",
        EventKinds.TagProposed => "Tag proposed",
        EventKinds.TagConfirmed => "Tag confirmed",
        EventKinds.TagRemoved => "Tag removed",
        EventKinds.EngagementCategoryChanged => "Engagement category changed",
        EventKinds.EngagementDip => "Engagement dip",
        EventKinds.Test => "Test notification",
        _ => kind,
    };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
