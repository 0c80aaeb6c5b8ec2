using CommitmentTracker.ServiceDefaults;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Messaging;

/// <summary>
/// The base of every service's DbContext: it owns the outbox and inbox tables, so an event is written in the same
/// <c>SaveChanges</c> (and transaction) as the state change that caused it.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    // Outbox bodies are read back by the relay, never put in a web page: relaxed escaping keeps them compact and quick.
    internal static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // An event type's stored name, built once: Assembly.GetName() allocates and parses on every call (an import writes thousands).
    private static readonly ConcurrentDictionary<Type, string> MessageTypes = new();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    private readonly HashSet<WakeSignal> wakeOnCommit = [];

    /// <summary>Set from <see cref="PublishOnCommit{TEvent}"/> until the events commit (or roll back); read by <see cref="OutboxCommitInterceptor{TContext}"/>.</summary>
    internal bool HasUncommittedEvents { get; set; }

    /// <summary>
    /// Wakes <paramref name="signal"/>'s worker once the pending changes commit (after the save, or with the transaction
    /// around it), never before and not at all on a rollback: a worker woken earlier would look and find nothing.
    /// </summary>
    public void WakeOnCommit(WakeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        wakeOnCommit.Add(signal);
    }

    /// <summary>The signals to wake now that the changes committed (or, on a rollback, to forget); the list is emptied.</summary>
    internal WakeSignal[] TakeWakeOnCommit()
    {
        var signals = wakeOnCommit.ToArray();
        wakeOnCommit.Clear();
        return signals;
    }

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Stores <paramref name="integrationEvent"/> in the outbox; it is published only if the next save commits.</summary>
    public void PublishOnCommit<TEvent>(TEvent integrationEvent) where TEvent : class
    {
        OutboxMessages.Add(ToOutboxMessage(integrationEvent));
        HasUncommittedEvents = true;
    }

    /// <summary>
    /// The outbox row for <paramref name="integrationEvent"/>, not yet stored: for bulk writers that insert rows
    /// themselves (ActionPlans' bulk inserter) and then call <see cref="PublishInsertedOnCommit"/>.
    /// </summary>
    public static OutboxMessage ToOutboxMessage<TEvent>(TEvent integrationEvent) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var activity = Activity.Current;
        return new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = MessageTypes.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}"),
            Body = JsonSerializer.Serialize(integrationEvent, type, EventJson),
            CreatedAt = DateTime.UtcNow,
            CorrelationId = CorrelationId.Current,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
        };
    }

    /// <summary>Outbox rows were inserted directly in the current transaction: wake the relay when it commits.</summary>
    public void PublishInsertedOnCommit() => HasUncommittedEvents = true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        base.OnModelCreating(modelBuilder);
    }
}
