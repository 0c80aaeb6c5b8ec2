using System.Net;
using System.Security.Claims;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Features.Keys;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>
/// Issued keys are cached after their first request, and a revocation still counts from the next request: in the
/// process that revoked (its cache is emptied) and in any other process sharing the store (the revocation counter moves).
/// </summary>
public sealed class ApiKeyCacheTests : IAsyncLifetime
{
    private readonly EmbeddedHostFactory factory = new();
    private HttpClient admin = null!;

    public ValueTask InitializeAsync()
    {
        admin = factory.CreateAdminClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task A_key_is_served_from_the_cache_after_its_first_request()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        using var reader = factory.CreateClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/me", Ct)).StatusCode);

        // Change the row behind the cache's back (no revocation): the cached identity keeps answering.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiKeyDb>().Keys.Where(k => k.Id == id)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.Name, "renamed in the store"), Ct);
        }

        var me = await reader.GetStringAsync("/api/me", Ct);
        Assert.Contains("\"name\":\"reader\"", me, StringComparison.Ordinal);
        Assert.Equal(1, factory.Services.GetRequiredService<ApiKeyCache>().Count);
    }

    [Fact]
    public async Task A_cached_key_revoked_through_the_api_is_401_on_the_next_request()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        using var reader = factory.CreateClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
        Assert.Equal(1, factory.Services.GetRequiredService<ApiKeyCache>().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_cached_key_revoked_by_another_process_sharing_the_store_is_401_on_the_next_request()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        var (_, other) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("another reader", ["reader"]));
        using var reader = factory.CreateClientWithKey(secret);
        using var otherReader = factory.CreateClientWithKey(other);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherReader.GetAsync("/api/tags", Ct)).StatusCode);

        // Another gateway instance revokes: same store, its own cache; this process's cache is not told.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await RevokeApiKey.HandleAsync(id, scope.ServiceProvider.GetRequiredService<ApiKeyDb>(), new ApiKeyCache(), TimeProvider.System, Ct);
            Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.NoContent>(result.Result);
        }

        Assert.Equal(2, factory.Services.GetRequiredService<ApiKeyCache>().Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
        // Keys that were not revoked keep working (looked up again once).
        Assert.Equal(HttpStatusCode.OK, (await otherReader.GetAsync("/api/tags", Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_revocation_moves_the_counter_once_in_the_revoking_transaction()
    {
        var (id, _) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        var before = await CounterAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}", Ct)).StatusCode);

        Assert.Equal(before + 1, await CounterAsync());
    }

    [Fact]
    public void The_cache_misses_when_the_counter_moved_or_the_key_expired()
    {
        var cache = new ApiKeyCache();
        var now = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        Claim[] claims = [new(ClaimTypes.NameIdentifier, "key_1")];
        cache.Add("hash", claims, now.AddHours(1), readAtGeneration: 3);

        Assert.True(cache.TryGet("hash", 3, now, out var found));
        Assert.Same(claims, found);
        Assert.False(cache.TryGet("hash", 3, now.AddHours(2), out _));
        Assert.False(cache.TryGet("other", 3, now, out _));
        Assert.False(cache.TryGet("hash", 4, now, out _));
        Assert.Equal(0, cache.Count);

        // An entry added under the old counter after the cache saw the new one is never served.
        cache.Add("hash", claims, now.AddHours(1), readAtGeneration: 3);
        Assert.False(cache.TryGet("hash", 4, now, out _));
    }

    [Fact]
    public void The_counter_last_read_is_used_only_while_the_store_has_had_no_commit_since()
    {
        var cache = new ApiKeyCache();

        Assert.False(cache.TryGetCounter(7, out _));
        cache.RememberCounter(7, 3);
        Assert.True(cache.TryGetCounter(7, out var counter));
        Assert.Equal(3, counter);
        Assert.False(cache.TryGetCounter(8, out _));
        Assert.False(cache.TryGetCounter(null, out _));

        // A store that cannot tell (PostgreSQL, SQL Server) remembers nothing: the counter is read on every request.
        cache.RememberCounter(null, 4);
        Assert.False(cache.TryGetCounter(7, out _));
    }

    private async Task<long> CounterAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyDb>().Generations.Where(g => g.Id == KeyStoreGeneration.SingleId).Select(g => g.Revocations).SingleAsync(Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
