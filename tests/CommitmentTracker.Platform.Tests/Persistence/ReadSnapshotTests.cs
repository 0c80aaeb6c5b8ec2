using CommitmentTracker.Persistence;
using CommitmentTracker.Platform.Tests.Outbox;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Platform.Tests.Persistence;

/// <summary>
/// <see cref="ReadSnapshot.InReadSnapshotAsync{T}"/>: the queries of one read see the database as it was at the first,
/// though another connection commits between them; outside it, each query sees the latest commit (what made the
/// engagement answer pair an old explanation with new tags).
/// </summary>
public abstract class ReadSnapshotTests : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract WidgetDb Open();

    public async ValueTask InitializeAsync()
    {
        await using var db = Open();
        await db.Database.EnsureCreatedAsync(Ct);
        await PrepareAsync(db);
        db.Widgets.Add(new Widget { Name = "first" });
        await db.SaveChangesAsync(Ct);
    }

    private protected virtual Task PrepareAsync(WidgetDb db) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<int> CommitAnotherAsync(string name, CancellationToken cancellationToken)
    {
        await using var writer = Open();
        writer.Widgets.Add(new Widget { Name = name });
        return await writer.SaveChangesAsync(cancellationToken);
    }

    [Fact]
    public async Task Every_query_of_the_read_sees_the_database_as_the_first_saw_it()
    {
        await using var reader = Open();
        var (first, second) = await reader.Database.InReadSnapshotAsync(async ct =>
        {
            var before = await reader.Widgets.AsNoTracking().Select(w => w.Name).ToListAsync(ct);
            Assert.Equal(1, await CommitAnotherAsync("committed meanwhile", ct));
            return (before, await reader.Widgets.AsNoTracking().Select(w => w.Name).ToListAsync(ct));
        }, Ct);

        Assert.Equal(["first"], first);
        Assert.Equal(first, second);
        Assert.Equal(2, await reader.Widgets.CountAsync(Ct));
    }

    [Fact]
    public async Task Without_it_the_second_query_sees_what_was_committed_between()
    {
        await using var reader = Open();
        var before = await reader.Widgets.CountAsync(Ct);
        await CommitAnotherAsync("committed meanwhile", Ct);
        Assert.Equal(before + 1, await reader.Widgets.CountAsync(Ct));
    }

    [Fact]
    public async Task The_read_takes_no_write_lock_a_writer_commits_while_it_is_open()
    {
        await using var reader = Open();
        var written = await reader.Database.InReadSnapshotAsync(async ct =>
        {
            await reader.Widgets.CountAsync(ct);
            // Bounded: a read holding the write lock would make this wait for the busy timeout, then fail.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(TimeSpan.FromSeconds(20));
            return await CommitAnotherAsync("written beside the read", bounded.Token);
        }, Ct);

        Assert.Equal(1, written);
    }
}

/// <summary>On a SQLite file in WAL mode, opened as the services open theirs.</summary>
public sealed class ReadSnapshotOnSqliteTests : ReadSnapshotTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("ct-read-snapshot-").FullName;

    private protected override WidgetDb Open() => new(new DbContextOptionsBuilder<WidgetDb>()
        .UseSqlite($"Data Source={Path.Combine(folder, "widgets.db")}").AddInterceptors(SqliteConnectionSettings.Instance).Options);

    private protected override Task PrepareAsync(WidgetDb db) => db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", Ct);

    public override async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        await base.DisposeAsync();
    }
}

/// <summary>On a real PostgreSQL server (<see cref="PostgresServer"/>).</summary>
public sealed class ReadSnapshotOnPostgresTests : ReadSnapshotTests
{
    private readonly PostgresServer server = PostgresServer.Shared;
    private readonly string database;

    public ReadSnapshotOnPostgresTests() => database = server.CreateDatabase("snapshot");

    private protected override WidgetDb Open() => new(new DbContextOptionsBuilder<WidgetDb>().UseNpgsql(server.ConnectionString(database)).Options);
}
