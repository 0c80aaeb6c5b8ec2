using CommitmentTracker.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests;

/// <summary>
/// <see cref="DatabaseChanges{TContext}"/>: the generation moves after every commit, whichever connection made it,
/// stays put while nothing is committed, and is null where the database cannot tell (so nothing gets cached).
/// </summary>
public sealed class DatabaseChangesTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-changes-");

    private string DatabasePath => Path.Combine(folder.FullName, "changes.db");

    // Synchronous on purpose: one thread checks through one of the checking connections each time (another
    // connection may move the generation once more at its own first check after a commit, which is safe but not this test).
    [Fact]
    public void The_generation_moves_after_each_commit_of_any_connection_and_only_then()
    {
        Execute("PRAGMA journal_mode = wal; CREATE TABLE Widgets (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL);");
        using var changes = new DatabaseChanges<DbContext>($"Data Source={DatabasePath}");

        var first = changes.Generation();
        var unchanged = changes.Generation();
        Execute("INSERT INTO Widgets (Name) VALUES ('a');");
        var afterInsert = changes.Generation();
        Execute("SELECT COUNT(*) FROM Widgets;");
        var afterRead = changes.Generation();
        // A pooled connection of this process, as the services' own writes use.
        Execute("UPDATE Widgets SET Name = 'b';", pooled: true);
        var afterUpdate = changes.Generation();
        Execute("UPDATE Widgets SET Name = 'c';", pooled: true);
        var afterSecondUpdate = changes.Generation();

        Assert.True(changes.IsSupported);
        Assert.NotNull(first);
        Assert.Equal(first, unchanged);
        Assert.NotEqual(unchanged, afterInsert);
        Assert.Equal(afterInsert, afterRead);
        Assert.NotEqual(afterRead, afterUpdate);
        Assert.NotEqual(afterUpdate, afterSecondUpdate);
    }

    [Fact]
    public void A_database_file_not_there_yet_gives_no_generation_until_it_is()
    {
        using var changes = new DatabaseChanges<DbContext>($"Data Source={DatabasePath}");

        var missing = changes.Generation();
        Execute("CREATE TABLE Widgets (Id INTEGER PRIMARY KEY);");
        var created = changes.Generation();

        Assert.Null(missing);
        Assert.NotNull(created);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=file::memory:?cache=shared")]
    [InlineData("Data Source=widgets.db;Cache=Shared")]
    public void Where_connections_share_one_pager_or_the_provider_is_not_sqlite_there_is_no_generation(string? connectionString)
    {
        using var changes = new DatabaseChanges<DbContext>(connectionString);

        Assert.False(changes.IsSupported);
        Assert.Null(changes.Generation());
    }

    private void Execute(string sql, bool pooled = false)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling={pooled}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
