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
/// subscriptions, a batch of events at a time: the batch's activity rows, notifications and inbox records in one save
/// (once per event, however often it arrives). Subscriptions, and the batch's known members, known tags and stored
/// commitment tags, are each read in one query per batch; the activity entries go in with the save without being
/// tracked (<see cref="NotificationsDb.RecordActivity"/>).
/// </summary>
internal sealed class RecordActivityConsumer(NotificationsDb db, TimeProvider time, FanOut fanOut, NotificationContentFactory contents, DeliverySignal signal) :
    IBatchConsumer<ActionPlanImported>,
    IBatchConsumer<CommitmentAdded>,
    IBatchConsumer<CommitmentChanged>,
    IBatchConsumer<CommitmentRemoved>,
    IBatchConsumer<ImportCompleted>,
    IBatchConsumer<TagSuggested>,
    IBatchConsumer<CommitmentTagged>,
    IBatchConsumer<CommitmentUntagged>,
    IBatchConsumer<TagSuggestionRejected>,
    IBatchConsumer<CommitmentsLinked>,
    IBatchConsumer<CommitmentsUnlinked>,
    IBatchConsumer<EngagementAssessed>
{
    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<ActionPlanImported>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithKnownMembersAsync(messages, m => m.MemberCode, cancellationToken), "action-plan-imported", m => m.MemberCode, m => m.OccurredAt, m =>
        $"New action plan {m.ActionPlanId} of {m.MemberName} ({m.MemberCode}){Period(m.SubmissionYear, m.EndYear)}.",
        async (db, m, ct) =>
        {
            RememberMember(db, m.MemberCode, m.MemberName);
            return await CommitmentEventAsync(NotificationContentFactory.ActionPlanImported(m), null, ct);
        }, cancellationToken);

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentAdded>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithCarriedTagsAsync(await WithKnownMembersAsync(messages, m => m.MemberCode, cancellationToken), m => m.CommitmentId, cancellationToken), "commitment-added", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} added to {m.ActionPlanId}: {m.Title}",
        async (db, m, ct) =>
        {
            RememberMember(db, m.MemberCode, m.Current?.MemberName);
            return await CommitmentEventAsync(contents.CommitmentAdded(m), m.CommitmentId, ct);
        }, cancellationToken);

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentChanged>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithCarriedTagsAsync(await WithKnownMembersAsync(messages, m => m.MemberCode, cancellationToken), m => m.CommitmentId, cancellationToken), "commitment-changed", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} of {m.ActionPlanId} changed: {string.Join(", ", m.Changes.Select(c => c.Field))}.",
        async (db, m, ct) =>
        {
            RememberMember(db, m.MemberCode, m.Current?.MemberName);
            return await CommitmentEventAsync(contents.CommitmentChanged(m), m.CommitmentId, ct);
        }, cancellationToken);

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentRemoved>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithCarriedTagsAsync(messages, m => m.CommitmentId, cancellationToken), "commitment-removed", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} is no longer in {m.ActionPlanId}.",
        async (_, m, ct) => await CommitmentEventAsync(contents.CommitmentRemoved(m), m.CommitmentId, ct), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<ImportCompleted>> messages, CancellationToken cancellationToken) => RecordAsync(messages, "import-completed", _ => null, m => m.OccurredAt, m =>
        $"Import of {m.Source} {m.Status}: {m.RowsRead} rows, {m.Added} added, {m.Changed} changed, {m.Removed} removed, {m.Rejected} rejected.",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null), cancellationToken);

    /// <summary>
    /// A machine suggestion is not news for subscribers (a liaison has not looked at it yet): activity log only. Its tag
    /// is in Tagging's vocabulary, though, so people may subscribe to it before any commitment carries it.
    /// </summary>
    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<TagSuggested>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithKnownTagsAsync(messages, m => m.Tag, cancellationToken), "tag-suggested", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} suggested for {m.CommitmentId} (confidence {m.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}).",
        (db, m, _) =>
        {
            RememberTag(db, m.Tag);
            return Task.FromResult<NotificationEvent?>(null);
        }, cancellationToken);

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentTagged>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithTagPairsAsync(await WithKnownTagsAsync(messages, m => m.Tag, cancellationToken), m => m.CommitmentId, cancellationToken), "commitment-tagged", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} {m.Status} on {m.CommitmentId}{By(m.Organisation)}.",
        (db, m, _) =>
        {
            RememberTag(db, m.Tag);
            if (tagPairs.TryAdd((m.CommitmentId, m.Tag), null))
            {
                db.CommitmentTags.Add(new CommitmentTagProjection { CommitmentId = m.CommitmentId, Tag = m.Tag });
            }

            return Task.FromResult(contents.CommitmentTagged(m) is { } content ? new NotificationEvent(content, [content.Kind], [m.Tag]) : null);
        }, cancellationToken);

    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentUntagged>> messages, CancellationToken cancellationToken) => await RecordAsync(await WithTagPairsAsync(await WithKnownTagsAsync(messages, m => m.Tag, cancellationToken), m => m.CommitmentId, cancellationToken), "commitment-untagged", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} removed from {m.CommitmentId}{By(m.Organisation)}.",
        (db, m, _) =>
        {
            RememberTag(db, m.Tag);
            // Removed through the context, so the removal commits with the inbox record or not at all.
            if (tagPairs.Remove((m.CommitmentId, m.Tag), out var carried) && carried is not null)
            {
                db.CommitmentTags.Remove(carried);
            }

            var content = contents.CommitmentUntagged(m);
            return Task.FromResult<NotificationEvent?>(new NotificationEvent(content, [content.Kind], [m.Tag]));
        }, cancellationToken);

    /// <summary>A liaison's rejection, and links between plans' commitments: activity log only, as no subscription kind announces them yet.</summary>
    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<TagSuggestionRejected>> messages, CancellationToken cancellationToken) => RecordAsync(messages, "tag-suggestion-rejected", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Suggested tag {m.Tag} rejected on {m.CommitmentId}{By(m.Organisation)}{Because(m.Reason)}.",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentsLinked>> messages, CancellationToken cancellationToken) => RecordAsync(messages, "commitments-linked", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} of {m.ActionPlanId} continues {m.PredecessorId} of {m.PredecessorActionPlanId} ({m.Origin}{By(m.Organisation)}).",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<CommitmentsUnlinked>> messages, CancellationToken cancellationToken) => RecordAsync(messages, "commitments-unlinked", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} no longer continues {m.PredecessorId}{By(m.Organisation)}{Because(m.Reason)}.",
        (_, _, _) => Task.FromResult<NotificationEvent?>(null), cancellationToken);

    public Task ConsumeAsync(IReadOnlyList<ConsumeContext<EngagementAssessed>> messages, CancellationToken cancellationToken) => RecordAsync(messages, "engagement-assessed", m => m.MemberCode, m => m.OccurredAt, m =>
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
        }, cancellationToken);

    private List<Subscription>? subscriptions;
    private readonly Dictionary<string, KnownMember?> members = new(StringComparer.Ordinal);
    private readonly HashSet<string> tags = new(StringComparer.Ordinal);
    private readonly HashSet<string> storedTags = new(StringComparer.Ordinal);

    /// <summary>The batch's stored (commitment, tag) pairs (<see cref="WithTagPairsAsync"/>), and those it adds (without an entity: they are not removed in the same batch, which holds one event type).</summary>
    private readonly Dictionary<(string CommitmentId, string Tag), CommitmentTagProjection?> tagPairs = [];

    private async Task RecordAsync<T>(
        IReadOnlyList<ConsumeContext<T>> messages, string kind, Func<T, string?> member, Func<T, DateTimeOffset> occurredAt,
        Func<T, string> summary, Func<NotificationsDb, T, CancellationToken, Task<NotificationEvent?>> notification, CancellationToken cancellationToken)
        where T : class
    {
        var receivedAt = time.GetUtcNow().UtcDateTime;
        var traceId = Activity.Current?.TraceId.ToHexString();
        var woken = false;
        foreach (var context in messages)
        {
            var message = context.Message;
            db.RecordActivity(new ActivityEntry
            {
                MessageId = context.MessageId!.Value,
                Kind = kind,
                MemberCode = member(message),
                Summary = summary(message).Clip(1000),
                OccurredAt = occurredAt(message).UtcDateTime,
                ReceivedAt = receivedAt,
                // Each entry keeps its own message's id; one without gets a fresh one, never the batch's.
                CorrelationId = context.Headers.Get<string>(CorrelationId.HeaderName) is { } header ? CorrelationId.Accept(header) : context.MessageId!.Value.ToString("N"),
                TraceId = traceId,
            });
            if (await notification(db, message, cancellationToken) is { } news)
            {
                subscriptions ??= await FanOut.ActiveSubscriptionsAsync(db, cancellationToken);
                if (fanOut.Add(db, context.MessageId!.Value, news, subscriptions) > 0 && !woken)
                {
                    // The worker looks once the notifications are committed with the inbox records.
                    db.WakeOnCommit(signal);
                    woken = true;
                }
            }
        }
    }

    /// <summary>The tags each commitment of a batch carries, read in one query for the batch (a batch holds one event type, so none of its events changes them).</summary>
    private Dictionary<string, List<string>>? carriedTags;

    private async Task<IReadOnlyList<ConsumeContext<T>>> WithCarriedTagsAsync<T>(IReadOnlyList<ConsumeContext<T>> messages, Func<T, string> commitmentId, CancellationToken cancellationToken)
        where T : class
    {
        var ids = messages.Select(m => commitmentId(m.Message)).Distinct(StringComparer.Ordinal).ToList();
        carriedTags = (await db.CommitmentTags.AsNoTracking().Where(t => ids.Contains(t.CommitmentId)).Select(t => new { t.CommitmentId, t.Tag }).ToListAsync(cancellationToken))
            .GroupBy(t => t.CommitmentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(t => t.Tag).ToList(), StringComparer.Ordinal);
        return messages;
    }

    private async Task<NotificationEvent> CommitmentEventAsync(NotificationContent content, string? commitmentId, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> tags = commitmentId is null
            ? []
            : carriedTags is not null
                ? carriedTags.GetValueOrDefault(commitmentId) ?? []
                : await db.CommitmentTags.AsNoTracking().Where(t => t.CommitmentId == commitmentId).Select(t => t.Tag).ToListAsync(cancellationToken);
        return new NotificationEvent(content, [content.Kind], tags);
    }

    /// <summary>The known members of a batch's events, read (tracked) in one query for the batch; a code not stored is remembered as unknown.</summary>
    private async Task<IReadOnlyList<ConsumeContext<T>>> WithKnownMembersAsync<T>(IReadOnlyList<ConsumeContext<T>> messages, Func<T, string> memberCode, CancellationToken cancellationToken)
        where T : class
    {
        var codes = messages.Select(m => memberCode(m.Message)).Where(c => !members.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > 0)
        {
            var stored = await db.KnownMembers.Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
            foreach (var code in codes)
            {
                members[code] = stored.GetValueOrDefault(code);
            }
        }

        return messages;
    }

    /// <summary>The known tags among a batch's events' tags, read in one query for the batch.</summary>
    private async Task<IReadOnlyList<ConsumeContext<T>>> WithKnownTagsAsync<T>(IReadOnlyList<ConsumeContext<T>> messages, Func<T, string> tag, CancellationToken cancellationToken)
        where T : class
    {
        var wanted = messages.Select(m => tag(m.Message)).Where(t => !tags.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count > 0)
        {
            storedTags.UnionWith(await db.KnownTags.AsNoTracking().Where(t => wanted.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken));
        }

        return messages;
    }

    /// <summary>The stored (commitment, tag) pairs of a batch's commitments, read tracked in one query for the batch, so a removal goes through the context.</summary>
    private async Task<IReadOnlyList<ConsumeContext<T>>> WithTagPairsAsync<T>(IReadOnlyList<ConsumeContext<T>> messages, Func<T, string> commitmentId, CancellationToken cancellationToken)
        where T : class
    {
        var ids = messages.Select(m => commitmentId(m.Message)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var pair in await db.CommitmentTags.Where(t => ids.Contains(t.CommitmentId)).ToListAsync(cancellationToken))
        {
            tagPairs.TryAdd((pair.CommitmentId, pair.Tag), pair);
        }

        return messages;
    }

    /// <summary>Stores a member not known yet, or its new name; <see cref="WithKnownMembersAsync"/> has read the batch's members.</summary>
    private void RememberMember(NotificationsDb db, string code, string? name)
    {
        var known = members.GetValueOrDefault(code);
        if (known is null)
        {
            members[code] = db.KnownMembers.Add(new KnownMember { Code = code, Name = name }).Entity;
        }
        else if (name is not null && known.Name != name)
        {
            known.Name = name;
        }
    }

    /// <summary>Stores a tag not known yet; <see cref="WithKnownTagsAsync"/> has read the batch's tags.</summary>
    private void RememberTag(NotificationsDb db, string tag)
    {
        if (tags.Add(tag) && !storedTags.Contains(tag))
        {
            db.KnownTags.Add(new KnownTag { Id = tag });
        }
    }

    private static string Period(int? from, int? to) => from is null ? string.Empty : $", {from}–{to?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    private static string By(string? organisation) => organisation is null ? string.Empty : $" by {organisation}";

    private static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {reason.Trim().TrimEnd('.')}";
}
