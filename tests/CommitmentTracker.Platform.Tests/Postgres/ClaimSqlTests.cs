using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using CommitmentTracker.Platform.Tests.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>
/// The text of the locking claim as each server provider would run it. SQL Server's is only checked here: no SQL
/// Server runs on these machines (SqlServerContainerTests need Docker), so its claim has not met a real server.
/// </summary>
public sealed class ClaimSqlTests
{
    private static IQueryable<long> Due(WidgetDb db)
    {
        var now = DateTime.UtcNow;
        return db.OutboxMessages.Where(m => m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now)).OrderBy(m => m.Id).Select(m => m.Id).Take(20);
    }

    [Fact]
    public void SQL_Server_reads_the_candidates_with_update_locks_that_skip_locked_rows()
    {
        using var db = new WidgetDb(new DbContextOptionsBuilder<WidgetDb>().UseSqlServer("Server=design-time;Database=design-time;Trusted_Connection=True").Options);

        Assert.Equal(ClaimLocking.ReadPast, LeaseClaims.LockingOf(db.Database));
        using var command = LeaseClaims.CreateLockingCommand(Due(db), ClaimLocking.ReadPast);

        Assert.Contains("FROM [OutboxMessages] AS [o] WITH (UPDLOCK, READPAST, ROWLOCK)", command.CommandText, StringComparison.Ordinal);
        Assert.StartsWith("SELECT TOP(@", command.CommandText, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY [o].[Id]", command.CommandText.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_reads_the_candidates_for_update_skipping_locked_rows()
    {
        using var db = new WidgetDb(new DbContextOptionsBuilder<WidgetDb>().UseNpgsql("Host=design-time;Database=design-time").Options);

        Assert.Equal(ClaimLocking.SkipLocked, LeaseClaims.LockingOf(db.Database));
        using var command = LeaseClaims.CreateLockingCommand(Due(db), ClaimLocking.SkipLocked);

        Assert.Matches(@"FROM ""OutboxMessages"" AS o\s", command.CommandText);
        Assert.EndsWith("LIMIT @p\nFOR UPDATE OF o SKIP LOCKED", command.CommandText.Replace("@p0", "@p", StringComparison.Ordinal).Replace("@__p_0", "@p", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_claimed_table_is_locked_when_the_candidates_join_another()
    {
        const string SqlServer = "SELECT TOP(@p) [n].[Id]\nFROM [Notifications] AS [n]\nINNER JOIN [Subscriptions] AS [s] ON [n].[SubscriptionId] = [s].[Id]\nWHERE [s].[Active] = CAST(1 AS bit)";
        const string Postgres = "SELECT n.\"Id\"\nFROM \"Notifications\" AS n\nINNER JOIN \"Subscriptions\" AS s ON n.\"SubscriptionId\" = s.\"Id\"\nWHERE s.\"Active\"\nLIMIT @p";

        Assert.Equal(
            "SELECT TOP(@p) [n].[Id]\nFROM [Notifications] AS [n] WITH (UPDLOCK, READPAST, ROWLOCK)\nINNER JOIN [Subscriptions] AS [s] ON [n].[SubscriptionId] = [s].[Id]\nWHERE [s].[Active] = CAST(1 AS bit)",
            LeaseClaims.WithLocking(SqlServer, ClaimLocking.ReadPast));
        Assert.Equal(Postgres + "\nFOR UPDATE OF n SKIP LOCKED", LeaseClaims.WithLocking(Postgres, ClaimLocking.SkipLocked));
    }

    [Fact]
    public void SQLite_keeps_its_single_writer_claim()
    {
        using var db = new WidgetDb(new DbContextOptionsBuilder<WidgetDb>().UseSqlite("Data Source=:memory:").Options);

        Assert.Equal(ClaimLocking.SingleWriter, LeaseClaims.LockingOf(db.Database));
        Assert.Equal("SELECT 1", LeaseClaims.WithLocking("SELECT 1", ClaimLocking.SingleWriter));
    }

    [Fact]
    public void A_query_without_a_table_is_refused_rather_than_run_unlocked() =>
        Assert.Throws<InvalidOperationException>(() => LeaseClaims.WithLocking("SELECT 1", ClaimLocking.SkipLocked));
}
