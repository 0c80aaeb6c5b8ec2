using CommitmentTracker.ServiceDefaults.Security;
using System.Net.Mail;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CommitmentTracker.ServiceDefaults.Members;

namespace CommitmentTracker.Notifications.Subscriptions;

/// <summary>
/// Checks a draft where it takes the database or several fields together: invalid email, URL (and the address guard),
/// time zone and digest schedule, unknown member or tag, kind or channel, a country lead's scope are 400s naming the
/// field. Members unknown here are asked of ActionPlans when its address is configured (<paramref name="directory"/>). The single-field rules (name length, frequency) are attributes of the request records, checked before.
/// </summary>
internal sealed class SubscriptionRules(NotificationsDb db, WebhookAddressGuard guard, IOptions<NotificationsOptions> options, IMemberDirectory? directory = null)
{
    /// <summary>At most this many members unknown here are looked up at ActionPlans for one subscription; more are reported unknown.</summary>
    public const int MemberLookupLimit = 100;

    public async Task<Dictionary<string, string[]>> ValidateAsync(SubscriptionDraft draft, Caller caller, bool webhookUrlChanged, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (draft.Channels.Count == 0)
        {
            errors["channels"] = ["channels needs one or more of email, webhook, feed."];
        }
        else if (draft.Channels.Except(Channels.All).ToList() is { Count: > 0 } unknownChannels)
        {
            errors["channels"] = [$"Unknown channel(s): {string.Join(", ", unknownChannels)}. Use email, webhook or feed."];
        }
        else if (draft.Channels.Contains(Channels.Email) && !options.Value.Smtp.Enabled)
        {
            errors["channels"] = ["Email is not configured on this server (Notifications:Smtp:Host)."];
        }

        if (draft.Channels.Contains(Channels.Email))
        {
            if (string.IsNullOrWhiteSpace(draft.Email) || draft.Email.Length > 320 || !MailAddress.TryCreate(draft.Email, out var address) || address.Address != draft.Email.Trim() || !address.Host.Contains('.', StringComparison.Ordinal))
            {
                errors["email"] = ["email must be a plain email address (name@example.org) for the email channel."];
            }
        }
        else if (draft.Email is not null)
        {
            errors["email"] = ["email is only for the email channel."];
        }

        if (draft.Channels.Contains(Channels.Webhook))
        {
            if (string.IsNullOrWhiteSpace(draft.WebhookUrl) || draft.WebhookUrl.Length > 2000)
            {
                errors["webhookUrl"] = ["webhookUrl is required for the webhook channel."];
            }
            else if (webhookUrlChanged && await guard.RefusalAsync(draft.WebhookUrl, cancellationToken) is { } refusal)
            {
                errors["webhookUrl"] = [refusal];
            }
        }
        else if (draft.WebhookUrl is not null)
        {
            errors["webhookUrl"] = ["webhookUrl is only for the webhook channel."];
        }

        if (draft.EventKinds.Except(EventKinds.All).ToList() is { Count: > 0 } unknownKinds)
        {
            errors["eventKinds"] = [$"Unknown event kind(s): {string.Join(", ", unknownKinds)}. Known: {string.Join(", ", EventKinds.All)}."];
        }

        if (draft.Members.Count > 0)
        {
            var known = await db.KnownMembers.AsNoTracking().Where(m => draft.Members.Contains(m.Code)).Select(m => m.Code).ToListAsync(cancellationToken);
            var unknownMembers = draft.Members.Except(known).ToList();
            // Members an import has just added, whose events have not reached this service yet: ActionPlans knows them.
            if (unknownMembers.Count is > 0 and <= MemberLookupLimit && directory is not null)
            {
                var found = await directory.FindKnownAsync(unknownMembers, cancellationToken);
                unknownMembers = [.. unknownMembers.Except(found)];
            }

            if (unknownMembers.Count > 0)
            {
                errors["members"] = [$"Unknown member(s): {string.Join(", ", unknownMembers)}."];
            }
        }

        if (caller.IsScoped)
        {
            if (draft.Members.Count == 0)
            {
                errors["members"] = ["A country lead's subscription names members of its scope."];
            }
            else if (draft.Members.Where(m => !caller.Members.Contains(m)).ToList() is { Count: > 0 } outside)
            {
                errors["members"] = [$"Outside your member scope: {string.Join(", ", outside)}."];
            }
        }

        if (draft.Tags.Count > 0)
        {
            var known = await db.KnownTags.AsNoTracking().Where(t => draft.Tags.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
            if (draft.Tags.Except(known).ToList() is { Count: > 0 } unknownTags)
            {
                errors["tags"] = [$"Unknown tag(s): {string.Join(", ", unknownTags)}."];
            }
        }

        ValidateSchedule(draft, errors);
        return errors;
    }

    private static void ValidateSchedule(SubscriptionDraft draft, Dictionary<string, string[]> errors)
    {
        if (draft.Frequency == Frequencies.Immediate)
        {
            return;
        }

        if (!DigestSchedule.TryFindZone(draft.TimeZone, out _))
        {
            errors["timeZone"] = ["timeZone must be an IANA time zone (e.g. Europe/Sofia) for a digest."];
        }

        if (draft.DigestHour is not (>= 0 and <= 23))
        {
            errors["digestHour"] = ["digestHour (0–23) is required for a digest."];
        }

        if (draft.Frequency == Frequencies.Weekly && ParseDay(draft.DigestDay) is null)
        {
            errors["digestDay"] = ["digestDay (monday … sunday) is required for a weekly digest."];
        }
    }

    public static DayOfWeek? ParseDay(string? day) =>
        day is not null && Enum.TryParse<DayOfWeek>(day.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !day.Trim().All(char.IsDigit) ? parsed : null;

    public static List<string> Codes(IEnumerable<string>? values, bool upper) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => upper ? v.Trim().ToUpperInvariant() : v.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    /// <summary>Writes a valid draft onto <paramref name="subscription"/>; the digest clock restarts when the schedule changed.</summary>
    public static void Apply(SubscriptionDraft draft, Subscription subscription, DateTimeOffset now)
    {
        var schedule = (draft.Frequency, draft.DigestHour, ParseDay(draft.DigestDay), draft.TimeZone?.Trim());
        var scheduleChanged = schedule != (subscription.Frequency, subscription.DigestHour, subscription.DigestDay, subscription.TimeZone) || subscription.NextDigestAt is null;
        subscription.Name = draft.Name?.Trim();
        subscription.Members = [.. draft.Members];
        subscription.Tags = [.. draft.Tags];
        subscription.EventKinds = [.. draft.EventKinds];
        subscription.Channels = [.. draft.Channels];
        subscription.Email = draft.Email?.Trim();
        subscription.WebhookUrl = draft.WebhookUrl?.Trim();
        subscription.Frequency = draft.Frequency;
        if (draft.Frequency == Frequencies.Immediate)
        {
            subscription.DigestHour = null;
            subscription.DigestDay = null;
            subscription.TimeZone = null;
            subscription.NextDigestAt = null;
            return;
        }

        subscription.DigestHour = draft.DigestHour;
        subscription.DigestDay = draft.Frequency == Frequencies.Weekly ? ParseDay(draft.DigestDay) : null;
        subscription.TimeZone = draft.TimeZone!.Trim();
        if (scheduleChanged)
        {
            DigestSchedule.TryFindZone(subscription.TimeZone, out var zone);
            subscription.NextDigestAt = DigestSchedule.Next(now, subscription.Frequency, subscription.DigestHour!.Value, subscription.DigestDay, zone);
            subscription.DigestPeriodStart ??= now.UtcDateTime;
        }
    }
}
