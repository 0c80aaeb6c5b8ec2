using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

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

public static class LeaseClaims
{
    /// <summary>
    /// Takes a lease on up to <paramref name="batchSize"/> rows, in three steps that never hand one row to two workers:
    /// the ids of the first candidates (<paramref name="candidates"/> orders and narrows the rows that are
    /// <paramref name="claimable"/>), then one UPDATE that re-checks they are still claimable and gives them a new token,
    /// one more attempt and a lease of <paramref name="lease"/>, then the rows that carry the token
    /// (<paramref name="read"/> may add includes). When another worker leased every candidate in between, those rows are
    /// no longer claimable, so the next look finds the ones after them (or none). Every step goes through an index or the
    /// primary key, so a backlog costs no scan per batch.
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
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var ids = await candidates(rows.Where(claimable(now)), now).Select(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return [];
            }

            var token = Guid.NewGuid();
            var until = now + lease;
            var claimed = await rows.Where(r => ids.Contains(r.Id)).Where(claimable(now)).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.LockToken, token).SetProperty(r => r.LockedUntil, until).SetProperty(r => r.Attempts, r => r.Attempts + 1),
                cancellationToken);
            if (claimed > 0)
            {
                var leased = rows.AsNoTracking().Where(r => ids.Contains(r.Id) && r.LockToken == token);
                return await (read is null ? leased : read(leased)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            }
        }
    }
}
