using System.Collections.Concurrent;
using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using CommitmentTracker.Platform.Tests.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>
/// Lease claims on a real PostgreSQL server: claimers running at once never get the same row (FOR UPDATE SKIP LOCKED
/// in the claiming transaction), every row is claimed once, and a dead claimer's rows come back after its lease.
/// </summary>
public sealed class PostgresClaimTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PostgresServer server = PostgresServer.Shared;
    private readonly string database;

    public PostgresClaimTests() => database = server.CreateDatabase("claims");

    private WidgetDb Open() => new(new DbContextOptionsBuilder<WidgetDb>().UseNpgsql(server.ConnectionString(database)).Options);

    private async Task AddRowsAsync(int count)
    {
        await using var db = Open();
        await db.Database.EnsureCreatedAsync(Ct);
        for (var i = 0; i < count; i++)
        {
            db.OutboxMessages.Add(new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "claim-test", Body = "{}", CreatedAt = DateTime.UtcNow });
        }

        await db.SaveChangesAsync(Ct);
    }

    private static Task<List<OutboxMessage>> ClaimAsync(WidgetDb db, int batchSize, TimeSpan lease) =>
        db.OutboxMessages.ClaimAsync(
            now => m => m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now),
            (due, _) => due.OrderBy(m => m.Id),
            batchSize, lease, TimeProvider.System, read: null, Ct);

    [Fact]
    public async Task Four_claimers_at_once_never_get_the_same_row_and_claim_every_row_once()
    {
        const int rows = 2000;
        await AddRowsAsync(rows);
        var claimed = new ConcurrentBag<(int Claimer, long Id)>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(claimer => Task.Run(async () =>
        {
            while (true)
            {
                // A context per batch, as the relay and the delivery worker use one scope per batch.
                await using var db = Open();
                var batch = await ClaimAsync(db, batchSize: 25, lease: TimeSpan.FromMinutes(10));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var row in batch)
                {
                    claimed.Add((claimer, row.Id));
                }
            }
        }, Ct)));

        var ids = claimed.Select(c => c.Id).ToList();
        Assert.Equal(rows, ids.Count);
        Assert.Equal(rows, ids.Distinct().Count());
        Assert.True(claimed.Select(c => c.Claimer).Distinct().Count() > 1, "more than one claimer took part");
        await using var check = Open();
        Assert.Equal(rows, await check.OutboxMessages.CountAsync(m => m.Attempts == 1 && m.LockToken != null, Ct));
    }

    [Fact]
    public async Task A_dead_claimers_rows_are_taken_over_once_its_lease_ran_out()
    {
        await AddRowsAsync(3);
        await using (var dead = Open())
        {
            Assert.Equal(3, (await ClaimAsync(dead, batchSize: 10, lease: TimeSpan.FromSeconds(1))).Count);
        }

        await using var other = Open();
        Assert.Empty(await ClaimAsync(other, batchSize: 10, lease: TimeSpan.FromMinutes(1)));
        var takenOver = await Eventually.GetAsync(() => ClaimAsync(other, batchSize: 10, lease: TimeSpan.FromMinutes(1)), batch => batch.Count == 3,
            TimeSpan.FromSeconds(30), "the rows to come back after the lease");
        Assert.All(takenOver, row => Assert.Equal(2, row.Attempts));
    }

    [Fact]
    public async Task A_row_locked_by_an_open_claim_is_skipped_not_waited_for()
    {
        await AddRowsAsync(2);
        await using var holder = Open();
        await using var transaction = await holder.Database.BeginTransactionAsync(Ct);
        // Another instance's claim in progress: the first row is locked until its transaction ends.
        var first = await holder.OutboxMessages.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(Ct);
        await holder.Database.ExecuteSqlAsync($"SELECT 1 FROM \"OutboxMessages\" WHERE \"Id\" = {first} FOR UPDATE", Ct);

        await using var claimer = Open();
        var batch = await ClaimAsync(claimer, batchSize: 10, lease: TimeSpan.FromMinutes(1));

        Assert.Equal([first + 1], batch.Select(m => m.Id));
        await transaction.RollbackAsync(Ct);
    }

    public void Dispose() => server.DropDatabase(database);
}
