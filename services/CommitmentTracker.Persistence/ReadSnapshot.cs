using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Reads that must agree with each other (a stored explanation and the rows it explains), made by several queries: they
/// all see the database as it was at the first, whatever commits meanwhile. Each query alone would otherwise see the
/// latest commit, and an answer could pair an old explanation with new rows.
/// </summary>
public static class ReadSnapshot
{
    /// <summary>
    /// Runs <paramref name="read"/> in one transaction that sees a single snapshot: PostgreSQL's repeatable read, SQL
    /// Server's snapshot isolation (which the service's SQL Server migrations must allow: Engagement's AllowSnapshotIsolation),
    /// a deferred SQLite transaction (in WAL mode its snapshot is fixed at its first read, and it takes no write lock).
    /// Nothing is written; <paramref name="read"/> may run again when the provider's execution strategy retries.
    /// </summary>
    public static Task<T> InReadSnapshotAsync<T>(this DatabaseFacade database, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(read);
        return database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (!database.IsSqlite())
            {
                // PostgreSQL's repeatable read is a snapshot of the whole transaction.
                await using var transaction = await database.BeginTransactionAsync(database.IsSqlServer() ? IsolationLevel.Snapshot : IsolationLevel.RepeatableRead, ct);
                return await read(ct);
            }

            await database.OpenConnectionAsync(ct);
            try
            {
                // Microsoft.Data.Sqlite begins IMMEDIATE (a write lock) unless asked for a deferred transaction.
                await using var transaction = ((SqliteConnection)database.GetDbConnection()).BeginTransaction(deferred: true);
                await database.UseTransactionAsync(transaction, ct);
                try
                {
                    return await read(ct);
                }
                finally
                {
                    await database.UseTransactionAsync(null, CancellationToken.None);
                }
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }
}
