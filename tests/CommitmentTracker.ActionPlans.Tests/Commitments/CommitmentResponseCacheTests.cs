using System.Net.Http.Json;
using CommitmentTracker.ActionPlans.Commitments;
using CommitmentTracker.ActionPlans.Tests.Importing;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests.Commitments;

/// <summary>
/// <c>GET /api/commitments/{id}</c> answers from <see cref="CommitmentResponseCache"/> only while the database has not
/// changed: a change committed anywhere (this instance, another connection, another instance on the same database) is
/// answered at once.
/// </summary>
public sealed class CommitmentResponseCacheTests : IDisposable
{
    private const string Id = "BG0039";
    private readonly ServiceFactory<Program> factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(factory.DataDirectory, "actionplans.db");

    [Fact]
    public async Task A_kept_answer_is_the_one_the_database_gives_byte_for_byte()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        // The first request after the import finds nothing kept: this answer comes from the database.
        var fromDatabase = await client.GetByteArrayAsync($"/api/commitments/{Id}", Ct);

        var (sent, kept) = await GetUntilKeptAsync(factory, client);
        using var fromCache = await client.GetAsync($"/api/commitments/{Id}", Ct);

        Assert.Equal(fromDatabase, kept);
        Assert.Equal(fromDatabase, sent);
        Assert.Equal("application/json; charset=utf-8", fromCache.Content.Headers.ContentType!.ToString());
        var body = await fromCache.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(kept, body);
        Assert.Equal(Id, (await fromCache.Content.ReadFromJsonAsync<CommitmentResponse>(Ct))!.Id);
    }

    [Fact]
    public async Task A_change_committed_through_another_connection_is_answered_at_once()
    {
        var client = factory.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var before = await GetAsync(client);
        await GetUntilKeptAsync(factory, client);

        // As another process would: its own native connection on the file, not the service's pool.
        await using (var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await other.OpenAsync(Ct);
            await using var update = other.CreateCommand();
            update.CommandText = """
                UPDATE Commitments SET Title = 'Retitled elsewhere' WHERE Id = $id;
                UPDATE Members SET Name = 'Renamed elsewhere' WHERE Code = $member;
                """;
            update.Parameters.AddWithValue("$id", Id);
            update.Parameters.AddWithValue("$member", before.MemberCode);
            Assert.Equal(2, await update.ExecuteNonQueryAsync(Ct));
        }

        var after = await GetAsync(client);

        Assert.NotEqual("Retitled elsewhere", before.Title);
        Assert.Equal(("Retitled elsewhere", "Renamed elsewhere"), (after.Title, after.MemberName));
    }

    [Fact]
    public async Task Two_instances_on_one_database_answer_what_the_other_imported_at_once()
    {
        using var second = new ServiceFactory<Program>(new Dictionary<string, string?> { ["ConnectionStrings:ActionPlans"] = $"Data Source={DatabasePath}" });
        var first = factory.CreateAdminClient();
        var other = second.CreateAdminClient();
        await ImportClient.ImportAsync(first, SampleSheet.Bytes);
        var before = await GetAsync(other);
        await GetUntilKeptAsync(second, other);

        var retitled = await SampleSheet.LoadAsync();
        retitled.Set(Id, "Commitment Title", "Retitled by the first instance");
        var import = await ImportClient.ImportAsync(first, await retitled.ToCsvAsync());
        var after = await GetAsync(other);

        Assert.Equal(("succeeded", 1), (import.Status, import.Counts.Changed));
        Assert.NotEqual("Retitled by the first instance", before.Title);
        Assert.Equal(("Retitled by the first instance", before.Version + 1), (after.Title, after.Version));
    }

    [Fact]
    public async Task On_postgresql_nothing_is_kept_and_a_change_is_answered_at_once()
    {
        using var postgres = new ServiceFactory<Program>(database: TestDatabase.Postgres);
        var client = postgres.CreateAdminClient();
        await ImportClient.ImportAsync(client, SampleSheet.Bytes);
        var before = await GetAsync(client);

        var retitled = await SampleSheet.LoadAsync();
        retitled.Set(Id, "Commitment Title", "Retitled on PostgreSQL");
        await ImportClient.ImportAsync(client, await retitled.ToCsvAsync());
        var after = await GetAsync(client);

        Assert.NotEqual("Retitled on PostgreSQL", before.Title);
        Assert.Equal("Retitled on PostgreSQL", after.Title);
        Assert.Equal(0, postgres.Services.GetRequiredService<CommitmentResponseCache>().Count);
    }

    private static async Task<CommitmentResponse> GetAsync(HttpClient client) =>
        await client.GetAsync($"/api/commitments/{Id}", Ct).OkAsync<CommitmentResponse>();

    /// <summary>
    /// Gets the commitment until its answer is in the cache at the database's current generation (background work such
    /// as the outbox relay commits too, and every commit empties the cache): the body sent and the bytes kept.
    /// </summary>
    private static async Task<(byte[] Sent, byte[] Kept)> GetUntilKeptAsync(ServiceFactory<Program> host, HttpClient client)
    {
        var cache = host.Services.GetRequiredService<CommitmentResponseCache>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var sent = await client.GetByteArrayAsync($"/api/commitments/{Id}", Ct);
            if (cache.Find(Id, cache.Generation()) is { } kept)
            {
                return (sent, kept);
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException($"The answer for {Id} was never kept: the database kept changing.");
    }

    public void Dispose() => factory.Dispose();
}
