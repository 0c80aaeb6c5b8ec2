using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Consumers;

/// <summary>
/// Records every event of the system in the activity log and fans the ones subscribers hear about out to their
/// subscriptions, in one transaction with the inbox record: once per event, however often it arrives.
/// </summary>
internal sealed class RecordActivityConsumer(NotificationsDb db, TimeProvider time, FanOut fanOut, NotificationContentFactory contents, DeliverySignal signal) :
    IConsumer<ActionPlanImported>,
    IConsumer<CommitmentAdded>,
    IConsumer<CommitmentChanged>,
    IConsumer<CommitmentRemoved>,
    IConsumer<ImportCompleted>,
    IConsumer<TagSuggested>,
    IConsumer<CommitmentTagged>,
    IConsumer<CommitmentUntagged>,
    IConsumer<TagSuggestionRejected>,
    IConsumer<CommitmentsLinked>,
    IConsumer<CommitmentsUnlinked>,
    IConsumer<EngagementAssessed>
{
    public Task Consume(ConsumeContext<ActionPlanImported> context) => RecordAsync(context, "action-plan-imported", m => m.MemberCode, m => m.OccurredAt, m =>
        $"New action plan {m.ActionPlanId} of {m.MemberName} ({m.MemberCode}){Period(m.SubmissionYear, m.EndYear)}.",
        async (db, m, ct) =>
        {
            await RememberMemberAsync(db, m.MemberCode, m.MemberName, ct);
            return await CommitmentEventAsync(db, NotificationContentFactory.ActionPlanImported(m), null, ct);
        });

    public Task Consume(ConsumeContext<CommitmentAdded> context) => RecordAsync(context, "commitment-added", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} added to {m.ActionPlanId}: {m.Title}",
        async (db, m, ct) =>
        {
            await RememberMemberAsync(db, m.MemberCode, m.Current?.MemberName, ct);
            return await CommitmentEventAsync(db, contents.CommitmentAdded(m), m.CommitmentId, ct);
        });

    public Task Consume(ConsumeContext<CommitmentChanged> context) => RecordAsync(context, "commitment-changed", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} of {m.ActionPlanId} changed: {string.Join(", ", m.Changes.Select(c => c.Field))}.",
        async (db, m, ct) =>
        {
            await RememberMemberAsync(db, m.MemberCode, m.Current?.MemberName, ct);
            return await CommitmentEventAsync(db, contents.CommitmentChanged(m), m.CommitmentId, ct);
        });

    public Task Consume(ConsumeContext<CommitmentRemoved> context) => RecordAsync(context, "commitment-removed", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} is no longer in {m.ActionPlanId}.",
        async (db, m, ct) => await CommitmentEventAsync(db, contents.CommitmentRemoved(m), m.CommitmentId, ct));

    public Task Consume(ConsumeContext<ImportCompleted> context) => RecordAsync(context, "import-completed", _ => null, m => m.OccurredAt, m =>
        $"Import of {m.Source} {m.Status}: {m.RowsRead} rows, {m.Added} added, {m.Changed} changed, {m.Removed} removed, {m.Rejected} rejected.",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null));

    /// <summary>
    /// A machine suggestion is not news for subscribers (a liaison has not looked at it yet): activity log only. Its tag
    /// is in Tagging's vocabulary, though, so people may subscribe to it before any commitment carries it.
    /// </summary>
    public Task Consume(ConsumeContext<TagSuggested> context) => RecordAsync(context, "tag-suggested", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} suggested for {m.CommitmentId} (confidence {m.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}).",
        async (db, m, ct) =>
        {
            await RememberTagAsync(db, m.Tag, ct);
            return null;
        });

    public Task Consume(ConsumeContext<CommitmentTagged> context) => RecordAsync(context, "commitment-tagged", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} {m.Status} on {m.CommitmentId}{By(m.Organisation)}.",
        async (db, m, ct) =>
        {
            await RememberTagAsync(db, m.Tag, ct);
            if (!await db.CommitmentTags.AnyAsync(t => t.CommitmentId == m.CommitmentId && t.Tag == m.Tag, ct))
            {
                db.CommitmentTags.Add(new CommitmentTagProjection { CommitmentId = m.CommitmentId, Tag = m.Tag });
            }

            return contents.CommitmentTagged(m) is { } content ? new NotificationEvent(content, [content.Kind], [m.Tag]) : null;
        });

    public Task Consume(ConsumeContext<CommitmentUntagged> context) => RecordAsync(context, "commitment-untagged", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} removed from {m.CommitmentId}{By(m.Organisation)}.",
        async (db, m, ct) =>
        {
            await RememberTagAsync(db, m.Tag, ct);
            // Removed through the context, so the removal commits with the inbox record or not at all.
            if (await db.CommitmentTags.FirstOrDefaultAsync(t => t.CommitmentId == m.CommitmentId && t.Tag == m.Tag, ct) is { } carried)
            {
                db.CommitmentTags.Remove(carried);
            }

            var content = contents.CommitmentUntagged(m);
            return new NotificationEvent(content, [content.Kind], [m.Tag]);
        });

    /// <summary>A liaison's rejection, and links between plans' commitments: activity log only, as no subscription kind announces them yet.</summary>
    public Task Consume(ConsumeContext<TagSuggestionRejected> context) => RecordAsync(context, "tag-suggestion-rejected", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Suggested tag {m.Tag} rejected on {m.CommitmentId}{By(m.Organisation)}{Because(m.Reason)}.",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null));

    public Task Consume(ConsumeContext<CommitmentsLinked> context) => RecordAsync(context, "commitments-linked", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} of {m.ActionPlanId} continues {m.PredecessorId} of {m.PredecessorActionPlanId} ({m.Origin}{By(m.Organisation)}).",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null));

    public Task Consume(ConsumeContext<CommitmentsUnlinked> context) => RecordAsync(context, "commitments-unlinked", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} no longer continues {m.PredecessorId}{By(m.Organisation)}{Because(m.Reason)}.",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null));

    public Task Consume(ConsumeContext<EngagementAssessed> context) => RecordAsync(context, "engagement-assessed", m => m.MemberCode, m => m.OccurredAt, m =>
        (m.IsDip ? "Dip: " : string.Empty) + $"Engagement of {m.MemberCode} is {m.Category}" + (m.PreviousCategory is { } previous && previous != m.Category ? $" (was {previous})." : "."),
        (_, m, _) =>
        {
            if (NotificationContentFactory.EngagementAssessed(m) is not { } content)
            {
                return Task.FromResult<NotificationEvent?>(null);
            }

            var moved = m.PreviousCategory is { } previous && previous != m.Category;
            IReadOnlyCollection<string> kinds = m.IsDip && moved ? [EventKinds.EngagementDip, EventKinds.EngagementCategoryChanged] : [content.Kind];
            return Task.FromResult<NotificationEvent?>(new NotificationEvent(content, kinds, []));
        });

    private async Task RecordAsync<T>(
        ConsumeContext<T> context, string kind, Func<T, string?> member, Func<T, DateTimeOffset> occurredAt, Func<T, string> summary,
        Func<NotificationsDb, T, CancellationToken, Task<NotificationEvent?>> notification)
        where T : class
    {
        var message = context.Message;
        db.Activity.Add(new ActivityEntry
        {
            MessageId = context.MessageId!.Value,
            Kind = kind,
            MemberCode = member(message),
            Summary = summary(message).Clip(1000),
            OccurredAt = occurredAt(message).UtcDateTime,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
            CorrelationId = CorrelationId.Current,
            TraceId = Activity.Current?.TraceId.ToHexString(),
        });
        if (await notification(db, message, context.CancellationToken) is { } news
            && await fanOut.AddAsync(db, context.MessageId!.Value, news, context.CancellationToken) > 0)
        {
            // The worker looks once the notifications are committed with the inbox record.
            db.WakeOnCommit(signal);
        }
    }

    private static async Task<NotificationEvent> CommitmentEventAsync(NotificationsDb db, NotificationContent content, string? commitmentId, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> tags = commitmentId is null
            ? []
            : await db.CommitmentTags.AsNoTracking().Where(t => t.CommitmentId == commitmentId).Select(t => t.Tag).ToListAsync(cancellationToken);
        return new NotificationEvent(content, [content.Kind], tags);
    }

    private static async Task RememberMemberAsync(NotificationsDb db, string code, string? name, CancellationToken cancellationToken)
    {
        var known = db.KnownMembers.Local.FirstOrDefault(m => m.Code == code) ?? await db.KnownMembers.FirstOrDefaultAsync(m => m.Code == code, cancellationToken);
        if (known is null)
        {
            db.KnownMembers.Add(new KnownMember { Code = code, Name = name });
        }
        else if (name is not null && known.Name != name)
        {
            known.Name = name;
        }
    }

    private static async Task RememberTagAsync(NotificationsDb db, string tag, CancellationToken cancellationToken)
    {
        if (!await db.KnownTags.AnyAsync(t => t.Id == tag, cancellationToken))
        {
            db.KnownTags.Add(new KnownTag { Id = tag });
        }
    }

    private static string Period(int? from, int? to) => from is null ? string.Empty : $", {from}–{to?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    private static string By(string? organisation) => organisation is null ? string.Empty : $" by {organisation}";

    private static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason.Trim().TrimEnd('.')}";
}
