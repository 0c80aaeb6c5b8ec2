using System.Diagnostics;
using System.Globalization;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.Outbox;
using MassTransit;

namespace CommitmentTracker.Notifications.Consumers;

/// <summary>Records every event of the system in the activity log, once per event.</summary>
internal sealed class RecordActivityConsumer(Inbox<NotificationsDb> inbox, TimeProvider time) :
    IConsumer<ActionPlanImported>,
    IConsumer<CommitmentAdded>,
    IConsumer<CommitmentChanged>,
    IConsumer<CommitmentRemoved>,
    IConsumer<ImportCompleted>,
    IConsumer<TagSuggested>,
    IConsumer<CommitmentTagged>,
    IConsumer<CommitmentUntagged>,
    IConsumer<EngagementAssessed>
{
    public Task Consume(ConsumeContext<ActionPlanImported> context) => RecordAsync(context, "action-plan-imported", m => m.MemberCode, m => m.OccurredAt, m =>
        $"New action plan {m.ActionPlanId} of {m.MemberName} ({m.MemberCode}){Period(m.SubmissionYear, m.EndYear)}.");

    public Task Consume(ConsumeContext<CommitmentAdded> context) => RecordAsync(context, "commitment-added", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} added to {m.ActionPlanId}: {m.Title}");

    public Task Consume(ConsumeContext<CommitmentChanged> context) => RecordAsync(context, "commitment-changed", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} of {m.ActionPlanId} changed: {string.Join(", ", m.Changes.Select(c => c.Field))}.");

    public Task Consume(ConsumeContext<CommitmentRemoved> context) => RecordAsync(context, "commitment-removed", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Commitment {m.CommitmentId} is no longer in {m.ActionPlanId}.");

    public Task Consume(ConsumeContext<ImportCompleted> context) => RecordAsync(context, "import-completed", _ => null, m => m.OccurredAt, m =>
        $"Import of {m.Source} {m.Status}: {m.RowsRead} rows, {m.Added} added, {m.Changed} changed, {m.Removed} removed, {m.Rejected} rejected.");

    public Task Consume(ConsumeContext<TagSuggested> context) => RecordAsync(context, "tag-suggested", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} suggested for {m.CommitmentId} (confidence {m.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}).");

    public Task Consume(ConsumeContext<CommitmentTagged> context) => RecordAsync(context, "commitment-tagged", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} {m.Status} on {m.CommitmentId}{By(m.Organisation)}.");

    public Task Consume(ConsumeContext<CommitmentUntagged> context) => RecordAsync(context, "commitment-untagged", m => m.MemberCode, m => m.OccurredAt, m =>
        $"Tag {m.Tag} removed from {m.CommitmentId}{By(m.Organisation)}.");

    public Task Consume(ConsumeContext<EngagementAssessed> context) => RecordAsync(context, "engagement-assessed", m => m.MemberCode, m => m.OccurredAt, m =>
        (m.IsDip ? "Dip: " : string.Empty) + $"Engagement of {m.MemberCode} is {m.Category}" + (m.PreviousCategory is { } previous && previous != m.Category ? $" (was {previous})." : "."));

    private Task<bool> RecordAsync<T>(ConsumeContext<T> context, string kind, Func<T, string?> member, Func<T, DateTimeOffset> occurredAt, Func<T, string> summary)
        where T : class =>
        inbox.HandleOnceAsync(this, context, (db, message, _) =>
        {
            var text = summary(message);
            db.Activity.Add(new ActivityEntry
            {
                MessageId = context.MessageId!.Value,
                Kind = kind,
                MemberCode = member(message),
                Summary = text.Length > 1000 ? text[..1000] : text,
                OccurredAt = occurredAt(message).UtcDateTime,
                ReceivedAt = time.GetUtcNow().UtcDateTime,
                CorrelationId = CorrelationId.Current,
                TraceId = Activity.Current?.TraceId.ToHexString(),
            });
            return Task.CompletedTask;
        });

    private static string Period(int? from, int? to) => from is null ? string.Empty : $", {from}–{to?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    private static string By(string? organisation) => organisation is null ? string.Empty : $" by {organisation}";
}
