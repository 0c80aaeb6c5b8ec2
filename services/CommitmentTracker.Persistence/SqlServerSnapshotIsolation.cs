using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Lets a service's SQL Server database run snapshot transactions (<see cref="ReadSnapshot"/>), which SQL Server refuses
/// until the database allows them. Set when the migrator checks the database at start: one query once it is set.
/// </summary>
internal static class SqlServerSnapshotIsolation
{
    // ALTER DATABASE runs outside any transaction, as ExecuteSqlRaw runs it; it waits for open transactions to end.
    internal const string AllowSql = """
        IF EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state = 0)
            ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
        """;

    public static async Task AllowAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync(AllowSql, cancellationToken);
        }
    }
}
