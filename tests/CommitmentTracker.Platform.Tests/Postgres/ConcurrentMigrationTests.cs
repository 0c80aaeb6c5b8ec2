using System.Net;
using CommitmentTracker.Persistence;

namespace CommitmentTracker.Platform.Tests.Postgres;

/// <summary>
/// Instances of a service starting together on new PostgreSQL databases (a scaled-out deployment's first start, or an
/// upgrade with new migrations): one migrates, the others wait for it and find the databases up to date.
/// </summary>
public sealed class ConcurrentMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] ConnectionNames = ["ActionPlans", "Tagging", "Engagement", "Notifications", "ApiKeys"];

    [Fact]
    public async Task Three_instances_starting_together_on_new_databases_all_start()
    {
        var server = PostgresServer.Shared;
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres" };
        foreach (var name in ConnectionNames)
        {
            // Names only: the first instance's migration creates each database.
            settings[$"ConnectionStrings:{name}"] = server.ConnectionString($"concurrent_{name.ToLowerInvariant()}_{Guid.NewGuid():N}");
        }

        EmbeddedHostFactory[] instances = [new(settings), new(settings), new(settings)];
        try
        {
            // Each start fails if its migration does; once started, each is healthy (its bus may take a moment on a busy machine).
            await Task.WhenAll(instances.Select(instance => Task.Run(async () =>
            {
                using var client = instance.CreateAdminClient();
                await Eventually.UntilAsync(async () =>
                {
                    using var health = await client.GetAsync("/health", Ct);
                    return health.StatusCode == HttpStatusCode.OK;
                }, TimeSpan.FromSeconds(60), "the instance's /health to answer 200");
            }, Ct)));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public void The_lock_key_is_the_same_in_every_process_and_differs_by_database()
    {
        Assert.Equal(PostgresMigrationLock.KeyOf("commitment_tracker_actionplans"), PostgresMigrationLock.KeyOf("commitment_tracker_actionplans"));
        Assert.NotEqual(PostgresMigrationLock.KeyOf("commitment_tracker_actionplans"), PostgresMigrationLock.KeyOf("commitment_tracker_tagging"));
    }
}
