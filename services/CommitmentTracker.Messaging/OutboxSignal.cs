using CommitmentTracker.ServiceDefaults;
namespace CommitmentTracker.Messaging;

/// <summary>Wakes the relay of one DbContext type when a commit stored events.</summary>
internal sealed class OutboxSignal<TContext> : WakeSignal;
