using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;
using CommitmentTracker.Notifications.Consumers;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>
/// The activity consumer handed whole batches through the inbox, as the batch consumer hands them: a batch's look-ups
/// are one query per table, its activity entries and inbox records are written with the rest of its changes in one
/// transaction, once per message id.
/// </summary>
public class ActivityBatchTests : IAsyncLifetime
{
    private const string Queue = "notifications-activity";
    private const string Correlation = "import-0001";
    private readonly NotificationsFactory factory;

    public ActivityBatchTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ActivityBatchTests(TestDatabase database) => factory = new(database: database);

    public ValueTask InitializeAsync()
    {
        _ = factory.Server; // starts the host, which migrates the database
        return ValueTask.CompletedTask;
    }

    private async Task<int> HandleAsync<T>(IReadOnlyList<ConsumeContext<T>> batch)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var consumer = BatchConsumerOf<T>(scope.ServiceProvider.GetRequiredService<RecordActivityConsumer>());
        return await scope.ServiceProvider.GetRequiredService<Inbox<NotificationsDb>>()
            .HandleBatchOnceAsync(Queue, batch, fresh => consumer.ConsumeAsync(fresh, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
    }

    private static ConsumeContext<T> Receive<T>(T message)
        where T : class => ReceivedMessage.Of(message, Correlation);

    private static IBatchConsumer<T> BatchConsumerOf<T>(object consumer)
        where T : class => (IBatchConsumer<T>)consumer;

    private static CommitmentAdded Added(string commitmentId, string member, string memberName) => new()
    {
        CommitmentId = commitmentId, ActionPlanId = $"AP_{member}05", MemberCode = member, Title = $"Commitment {commitmentId}", OccurredAt = Events.At,
        Current = new CommitmentSnapshot { Title = $"Commitment {commitmentId}", MemberName = memberName },
    };

    private static CommitmentUntagged Untagged(string commitmentId, string tag) => new() { CommitmentId = commitmentId, MemberCode = "BGR", Tag = tag, OccurredAt = Events.At };

    [Fact]
    public async Task A_batch_records_each_message_once_and_the_same_batch_handed_again_records_nothing()
    {
        var first = Receive(Added("BG0001", "BGR", "Bulgaria"));
        var batch = new[] { first, Receive(Added("BG0002", "BGR", "Bulgaria")), first, Receive(Added("RO0001", "ROU", "Romania")) };

        var handled = await HandleAsync(batch);
        var again = await HandleAsync(batch);

        Assert.Equal((3, 0), (handled, again));
        var (entries, inbox, members) = await factory.QueryAsync(async db => (
            await db.Activity.OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken),
            await db.InboxMessages.CountAsync(m => m.Consumer == Queue, TestContext.Current.CancellationToken),
            await db.KnownMembers.OrderBy(m => m.Code).Select(m => new { m.Code, m.Name }).ToListAsync(TestContext.Current.CancellationToken)));
        Assert.Equal([batch[0].MessageId!.Value, batch[1].MessageId!.Value, batch[3].MessageId!.Value], entries.Select(e => e.MessageId));
        Assert.Equal(
            ["Commitment BG0001 added to AP_BGR05: Commitment BG0001", "Commitment BG0002 added to AP_BGR05: Commitment BG0002", "Commitment RO0001 added to AP_ROU05: Commitment RO0001"],
            entries.Select(e => e.Summary));
        Assert.All(entries, e => Assert.Equal(("commitment-added", Events.At.UtcDateTime, Correlation), (e.Kind, e.OccurredAt, e.CorrelationId)));
        Assert.Equal(3, inbox);
        Assert.Equal([new { Code = "BGR", Name = (string?)"Bulgaria" }, new { Code = "ROU", Name = (string?)"Romania" }], members);
    }

    [Fact]
    public async Task A_tagging_batch_stores_each_tag_and_pair_once_and_an_untagging_batch_removes_only_stored_pairs()
    {
        await HandleAsync([Receive(Events.Tagged("BG0001", "BGR", "oc-disclosure", TagStatus.Confirmed))]);

        var tagged = await HandleAsync([
            Receive(Events.Tagged("BG0001", "BGR", "oc-procurement", TagStatus.Confirmed)),
            Receive(Events.Tagged("BG0001", "BGR", "oc-procurement", TagStatus.Confirmed)),
            Receive(Events.Tagged("BG0002", "BGR", "oc-procurement", TagStatus.Confirmed)),
            Receive(Events.Tagged("BG0001", "BGR", "oc-disclosure", TagStatus.Confirmed)),
        ]);
        var pairsAfterTagging = await PairsAsync();
        var untagged = await HandleAsync([
            Receive(Untagged("BG0001", "oc-procurement")),
            Receive(Untagged("BG0001", "oc-procurement")),
            Receive(Untagged("BG0009", "fiscal-openness")),
        ]);

        Assert.Equal((4, 3), (tagged, untagged));
        Assert.Equal(["BG0001 oc-disclosure", "BG0001 oc-procurement", "BG0002 oc-procurement"], pairsAfterTagging);
        Assert.Equal(["BG0001 oc-disclosure", "BG0002 oc-procurement"], await PairsAsync());
        Assert.Equal(["fiscal-openness", "oc-disclosure", "oc-procurement"],
            await factory.QueryAsync(db => db.KnownTags.Select(t => t.Id).OrderBy(t => t).ToListAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(8, await factory.QueryAsync(db => db.Activity.CountAsync(TestContext.Current.CancellationToken)));
    }

    private Task<List<string>> PairsAsync() => factory.QueryAsync(async db =>
        (await db.CommitmentTags.Select(t => new { t.CommitmentId, t.Tag }).ToListAsync(TestContext.Current.CancellationToken))
            .Select(t => $"{t.CommitmentId} {t.Tag}").Order(StringComparer.Ordinal).ToList());

    [Fact]
    public async Task When_the_save_fails_on_an_inbox_record_stored_meanwhile_no_activity_entry_is_stored()
    {
        var messageId = Guid.NewGuid();
        await factory.QueryAsync(db =>
        {
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = Queue, HandledAt = DateTime.UtcNow });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => factory.QueryAsync(db =>
        {
            db.RecordActivity(new ActivityEntry { MessageId = messageId, Kind = "commitment-added", Summary = "Recorded by a second delivery", OccurredAt = DateTime.UtcNow, ReceivedAt = DateTime.UtcNow });
            db.KnownMembers.Add(new KnownMember { Code = "BGR", Name = "Bulgaria" });
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = Queue, HandledAt = DateTime.UtcNow });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }));

        Assert.Equal((0, 0), await factory.QueryAsync(async db => (
            await db.Activity.CountAsync(TestContext.Current.CancellationToken), await db.KnownMembers.CountAsync(TestContext.Current.CancellationToken))));
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same tests with the database on PostgreSQL (a private server: <see cref="PostgresServer"/>), where EF's save writes the entries.</summary>
public sealed class ActivityBatchOnPostgresTests() : ActivityBatchTests(TestDatabase.Postgres);
