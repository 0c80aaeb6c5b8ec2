using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommitmentTracker.Persistence;

/// <summary>
/// Whether a save lost a race rather than broke a rule: another writer stored a row with the same key first (a unique or
/// primary key), or changed or removed a row this save changes (EF's concurrency check). Run again on what is stored now,
/// such a save may succeed; a save that breaks a rule (a missing parent, a value too long) never will.
/// </summary>
public static class SaveConflicts
{
    // SQL Server: 2627 violates a primary key or unique constraint, 2601 a unique index.
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerUniqueIndex = 2601;

    public static bool IsConflict(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || exception?.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE or SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY,
            SqlException sqlServer => sqlServer.Number is SqlServerUniqueConstraint or SqlServerUniqueIndex,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
}
