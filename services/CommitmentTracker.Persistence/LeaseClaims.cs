using System.Data.Common;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommitmentTracker.Persistence;

/// <summary>A row that workers of several instances share by taking a lease on it (outbox rows, deliveries).</summary>
public interface ILeasedRow
{
    long Id { get; }

    /// <summary>The batch that holds the row; with <see cref="LockedUntil"/>, a lease another worker may take over when it expires.</summary>
    Guid? LockToken { get; set; }

    DateTime? LockedUntil { get; set; }

    int Attempts { get; set; }
}

/// <summary>How a claim keeps two workers off one row while it takes its lease.</summary>
public enum ClaimLocking
{
    /// <summary>SQLite: one writer at a time; the lease UPDATE re-checks that each row is still claimable.</summary>
    SingleWriter,

    /// <summary>PostgreSQL: <c>SELECT … FOR UPDATE SKIP LOCKED</c> in the claiming transaction.</summary>
    SkipLocked,

    /// <summary>SQL Server: <c>WITH (UPDLOCK, READPAST, ROWLOCK)</c> on the claimed table in the claiming transaction.</summary>
    ReadPast,
}

public static partial class LeaseClaims
{
    /// <summary>
    /// Takes a lease on up to <paramref name="batchSize"/> rows that are <paramref name="claimable"/>, in the order and
    /// narrowing of <paramref name="candidates"/>: each gets a new token, one more attempt and a lease of
    /// <paramref name="lease"/>; a worker that dies holding rows loses them when the lease runs out. Returns the leased
    /// rows (<paramref name="read"/> may add includes). On PostgreSQL and SQL Server the candidates are read with row
    /// locks that skip rows another claimer holds (<see cref="ClaimLocking"/>) and leased in the same transaction, so
    /// concurrent claimers never wait for each other and never get the same row. On SQLite (one writer) the ids are
    /// read, then one UPDATE re-checks that they are still claimable: when another worker leased every candidate in
    /// between, the next look finds the ones after them (or none). Every step goes through an index or the primary
    /// key, so a backlog costs no scan per batch.
    /// </summary>
    public static async Task<List<TRow>> ClaimAsync<TRow>(
        this DbSet<TRow> rows,
        Func<DateTime, Expression<Func<TRow, bool>>> claimable,
        Func<IQueryable<TRow>, DateTime, IQueryable<TRow>> candidates,
        int batchSize,
        TimeSpan lease,
        TimeProvider time,
        Func<IQueryable<TRow>, IQueryable<TRow>>? read,
        CancellationToken cancellationToken)
        where TRow : class, ILeasedRow
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(claimable);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(time);
        var database = rows.GetService<ICurrentDbContext>().Context.Database;
        var locking = LockingOf(database);
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var token = Guid.NewGuid();
            var until = now + lease;
            var due = candidates(rows.Where(claimable(now)), now).Select(r => r.Id).Take(batchSize);
            Task<int> Lease(List<long> ids, CancellationToken ct) =>
                rows.Where(r => ids.Contains(r.Id)).Where(claimable(now)).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.LockToken, token).SetProperty(r => r.LockedUntil, until).SetProperty(r => r.Attempts, r => r.Attempts + 1),
                    ct);

            List<long> ids;
            int claimed;
            if (locking == ClaimLocking.SingleWriter)
            {
                ids = await due.ToListAsync(cancellationToken);
                claimed = ids.Count == 0 ? 0 : await Lease(ids, cancellationToken);
            }
            else
            {
                (ids, claimed) = await database.CreateExecutionStrategy().ExecuteAsync(async ct =>
                {
                    await using var transaction = await database.BeginTransactionAsync(ct);
                    var locked = await ReadLockedIdsAsync(due, locking, transaction.GetDbTransaction(), ct);
                    var leased = locked.Count == 0 ? 0 : await Lease(locked, ct);
                    await transaction.CommitAsync(ct);
                    return (locked, leased);
                }, cancellationToken);
            }

            if (ids.Count == 0)
            {
                return [];
            }

            if (claimed > 0)
            {
                var leasedRows = rows.AsNoTracking().Where(r => ids.Contains(r.Id) && r.LockToken == token);
                return await (read is null ? leasedRows : read(leasedRows)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            }
        }
    }

    /// <summary>How <paramref name="database"/>'s provider keeps claimers apart.</summary>
    public static ClaimLocking LockingOf(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => ClaimLocking.SkipLocked,
            "Microsoft.EntityFrameworkCore.SqlServer" => ClaimLocking.ReadPast,
            _ => ClaimLocking.SingleWriter,
        };
    }

    /// <summary>
    /// The command that reads <paramref name="ids"/> with the row locks of <paramref name="locking"/>: EF Core writes
    /// the query (filters, joins, order, limit, parameters); the locking clause is added to its text, on the root
    /// table only (the claimed rows, not the rows they are joined to).
    /// </summary>
    public static DbCommand CreateLockingCommand(IQueryable<long> ids, ClaimLocking locking)
    {
        var command = ids.CreateDbCommand();
        command.CommandText = WithLocking(command.CommandText, locking);
        return command;
    }

    /// <summary><paramref name="sql"/> (a SELECT of the candidates as EF Core writes it) with the locking clause of <paramref name="locking"/>.</summary>
    public static string WithLocking(string sql, ClaimLocking locking)
    {
        ArgumentNullException.ThrowIfNull(sql);
        switch (locking)
        {
            case ClaimLocking.SkipLocked:
                var postgres = PostgresRootTable().Match(sql);
                return postgres.Success
                    ? $"{sql.TrimEnd().TrimEnd(';')}\nFOR UPDATE OF {postgres.Groups["alias"].Value} SKIP LOCKED"
                    : throw new InvalidOperationException("The claim's query has no table to lock: " + sql);
            case ClaimLocking.ReadPast:
                var sqlServer = SqlServerRootTable().Match(sql);
                return sqlServer.Success
                    ? sql.Insert(sqlServer.Index + sqlServer.Length, " WITH (UPDLOCK, READPAST, ROWLOCK)")
                    : throw new InvalidOperationException("The claim's query has no table to lock: " + sql);
            default:
                return sql;
        }
    }

    private static async Task<List<long>> ReadLockedIdsAsync(IQueryable<long> due, ClaimLocking locking, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = CreateLockingCommand(due, locking);
        command.Transaction = transaction;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    // The first FROM of the query is the claimed table: FROM "Notifications" AS n.
    [GeneratedRegex("""\bFROM "[^"]+" AS (?<alias>"[^"]+"|[A-Za-z_][A-Za-z0-9_]*)""")]
    private static partial Regex PostgresRootTable();

    // FROM [Notifications] AS [n]
    [GeneratedRegex(@"\bFROM \[[^\]]+\] AS \[[^\]]+\]")]
    private static partial Regex SqlServerRootTable();
}
