using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommitmentTracker.Messaging;

/// <summary>
/// Wakes the relay once events are committed (and any other worker the changes asked for with <c>WakeOnCommit</c>): after <c>SaveChanges</c> when it ran its own transaction, or when the
/// caller's explicit transaction commits. A rolled-back transaction wakes nothing (and leaves no rows).
/// <c>PublishOnCommit</c> raises the context's flag, so no save has to scan its change tracker for outbox rows.
/// </summary>
internal sealed class OutboxCommitInterceptor<TContext>(OutboxSignal<TContext> signal) : SaveChangesInterceptor, IDbTransactionInterceptor
    where TContext : ServiceDbContext
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyOnCommit(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyOnCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void NotifyIfCommitted(DbContext? context)
    {
        if (context is ServiceDbContext db && db.Database.CurrentTransaction is null)
        {
            NotifyOnCommit(db);
        }
    }

    private void NotifyOnCommit(DbContext? context)
    {
        if (context is not ServiceDbContext db)
        {
            return;
        }

        if (db.HasUncommittedEvents)
        {
            db.HasUncommittedEvents = false;
            signal.Wake();
        }

        foreach (var other in db.TakeWakeOnCommit())
        {
            other.Wake();
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is ServiceDbContext db)
        {
            db.HasUncommittedEvents = false;
            db.TakeWakeOnCommit();
        }
    }
}
