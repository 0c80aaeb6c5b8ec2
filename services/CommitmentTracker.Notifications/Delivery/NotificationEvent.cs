using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>An event of the system that subscriptions may want, in the shape every channel tells it.</summary>
/// <param name="Content">What every channel tells.</param>
/// <param name="Kinds">The kinds it counts as: one, except a dip that also moved the category (a dip and a category change).</param>
/// <param name="Tags">The tags it concerns: the tag of a tagging event, the commitment's current tags otherwise.</param>
internal sealed record NotificationEvent(NotificationContent Content, IReadOnlyCollection<string> Kinds, IReadOnlyCollection<string> Tags)
{
    public string? MemberCode => Content.MemberCode;

    public string? CommitmentId => Content.CommitmentId;
}

/// <summary>Turns contract events into <see cref="NotificationContent"/>; returns null for events no subscription hears about.</summary>
internal sealed class NotificationContentFactory(Uri publicBaseUrl)
{
    public string TrackerUrl(string commitmentId) => new Uri(publicBaseUrl, $"api/commitments/{Uri.EscapeDataString(commitmentId)}").ToString();

    public static NotificationContent ActionPlanImported(ActionPlanImported m) => new(
        EventKinds.ActionPlanImported, m.MemberCode, m.MemberName, null, m.ActionPlanId, m.ActionPlanId,
        $"New action plan {m.ActionPlanId} of {m.MemberName} ({m.MemberCode}).", [], null, null, null, m.OccurredAt);

    public NotificationContent CommitmentAdded(CommitmentAdded m) => new(
        EventKinds.CommitmentAdded, m.MemberCode, m.Current?.MemberName, m.CommitmentId, m.ActionPlanId, m.Title,
        m.Restored ? $"Commitment {m.CommitmentId} is back in {m.ActionPlanId}: {m.Title}" : $"Commitment {m.CommitmentId} added to {m.ActionPlanId}: {m.Title}",
        [], null, m.Current?.Url, TrackerUrl(m.CommitmentId), m.OccurredAt);

    public NotificationContent CommitmentChanged(CommitmentChanged m) => new(
        EventKinds.CommitmentChanged, m.MemberCode, m.Current?.MemberName, m.CommitmentId, m.ActionPlanId, m.Title,
        $"Commitment {m.CommitmentId} of {m.ActionPlanId} changed: {string.Join(", ", m.Changes.Select(c => c.Field))}.",
        [.. m.Changes.Select(c => new NotificationChange(c.Field, c.Before, c.After))], null, m.Current?.Url, TrackerUrl(m.CommitmentId), m.OccurredAt);

    public NotificationContent CommitmentRemoved(CommitmentRemoved m) => new(
        EventKinds.CommitmentRemoved, m.MemberCode, null, m.CommitmentId, m.ActionPlanId, null,
        $"Commitment {m.CommitmentId} is no longer in {m.ActionPlanId}.", [], null, null, TrackerUrl(m.CommitmentId), m.OccurredAt);

    public NotificationContent? CommitmentTagged(CommitmentTagged m)
    {
        var kind = m.Status switch
        {
            TagStatus.Proposed => EventKinds.TagProposed,
            TagStatus.Confirmed => EventKinds.TagConfirmed,
            _ => null,
        };
        return kind is null ? null : new NotificationContent(
            kind, m.MemberCode, null, m.CommitmentId, null, null,
            $"Tag {m.Tag} {m.Status} on {m.CommitmentId}{By(m.Organisation)}.", [], m.Tag, null, TrackerUrl(m.CommitmentId), m.OccurredAt);
    }

    public NotificationContent CommitmentUntagged(CommitmentUntagged m) => new(
        EventKinds.TagRemoved, m.MemberCode, null, m.CommitmentId, null, null,
        $"Tag {m.Tag} removed from {m.CommitmentId}{By(m.Organisation)}.", [], m.Tag, null, TrackerUrl(m.CommitmentId), m.OccurredAt);

    /// <summary>An assessment is news when its category moved or it is a dip; a dip that also moved the category is one dip notification.</summary>
    public static NotificationContent? EngagementAssessed(EngagementAssessed m)
    {
        var moved = m.PreviousCategory is { } previous && !string.Equals(previous, m.Category, StringComparison.Ordinal);
        if (!m.IsDip && !moved)
        {
            return null;
        }

        var changes = moved ? [new NotificationChange("Engagement category", m.PreviousCategory, m.Category)] : Array.Empty<NotificationChange>();
        var summary = m.IsDip
            ? $"Dip in the engagement of {m.MemberCode}: {(m.DipReasons.Count > 0 ? string.Join("; ", m.DipReasons) : m.Explanation)}"
            : $"Engagement of {m.MemberCode} moved from {m.PreviousCategory} to {m.Category}: {m.Explanation}";
        return new NotificationContent(
            m.IsDip ? EventKinds.EngagementDip : EventKinds.EngagementCategoryChanged, m.MemberCode, m.MemberName, null, null, null,
            summary, changes, null, null, null, m.OccurredAt);
    }

    private static string By(string? organisation) => organisation is null ? string.Empty : $" by {organisation}";
}
