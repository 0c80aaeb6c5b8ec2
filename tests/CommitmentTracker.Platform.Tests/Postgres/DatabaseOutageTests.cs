using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using Npgsql;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>
/// PostgreSQL stopped under the embedded host (its own private server, so no other test loses its database): writes
/// get a 503 ProblemDetails with Retry-After in our words, /health names the databases that are down, and once the
/// server is back writes succeed and the outbox drains, nothing lost.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] ConnectionNames = ["ActionPlans", "Tagging", "Engagement", "Notifications", "ApiKeys"];

    private static RegisterActionPlanRequest Plan(int number) =>
        new() { ActionPlanId = $"AP_OUT{number:00}", MemberCode = "OUT", MemberName = "Outage" };

    [Fact]
    public async Task Writes_get_a_503_while_the_database_is_down_and_nothing_is_lost_after()
    {
        using var server = PostgresServer.StartForTest();

        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Outbox:PollingInterval"] = "00:00:00.200" };
        foreach (var name in ConnectionNames)
        {
            settings[$"ConnectionStrings:{name}"] = server.ConnectionString(server.CreateDatabase(name));
        }

        var actionPlans = settings["ConnectionStrings:ActionPlans"]!;

        await using var factory = new EmbeddedHostFactory(settings);
        using var client = factory.CreateAdminClient();
        client.Timeout = TimeSpan.FromSeconds(60); // a bound for "not a hang", far above the 3 s connect timeout
        using (var before = await client.PostAsJsonAsync("/api/action-plans", Plan(1), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        server.Stop();
        using (var during = await client.PostAsJsonAsync("/api/action-plans", Plan(2), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), during.Headers.RetryAfter?.Delta);
            var problem = await during.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("The service's database is unavailable.", problem.GetProperty("title").GetString());
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }

        using (var health = await client.GetAsync("/health", Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = (await health.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("actionplans-database").GetString());
            Assert.Equal("Unhealthy", checks.GetProperty("apikeys-database").GetString());
        }

        server.Restart();
        // Connections broken by the stop are dropped as they are met: the first requests after may still get a 503.
        await Eventually.UntilAsync(async () =>
        {
            using var after = await client.PostAsJsonAsync("/api/action-plans", Plan(3), Ct);
            return after.StatusCode == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(60), "a write to succeed once the database is back");
        using (var health = await client.GetAsync("/health", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await Eventually.UntilAsync(async () =>
        {
            var (rows, sent) = await OutboxAsync(actionPlans);
            return rows > 0 && rows == sent;
        }, TimeSpan.FromSeconds(60), "the outbox to drain after the outage");
        Assert.Equal(["AP_OUT01", "AP_OUT03"], await PlansAsync(actionPlans));
    }

    private static async Task<(long Rows, long Sent)> OutboxAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*), count(\"SentAt\") FROM \"OutboxMessages\"", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<List<string>> PlansAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM \"ActionPlans\" ORDER BY \"Id\"", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
