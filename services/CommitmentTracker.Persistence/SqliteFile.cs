using Microsoft.Data.Sqlite;

namespace CommitmentTracker.Persistence;

/// <summary>Where a SQLite connection string keeps its database: one rule for every piece that looks at the file.</summary>
internal static class SqliteFile
{
    /// <summary>The database file's full path, or null for an in-memory database (which has none).</summary>
    public static string? PathOf(string? connectionString) => PathOf(new SqliteConnectionStringBuilder(connectionString));

    public static string? PathOf(SqliteConnectionStringBuilder builder) =>
        builder.DataSource is { Length: > 0 } source
        && source != ":memory:"
        && !source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase)
        && !source.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase)
        && builder.Mode is not SqliteOpenMode.Memory
            ? Path.GetFullPath(source)
            : null;
}
