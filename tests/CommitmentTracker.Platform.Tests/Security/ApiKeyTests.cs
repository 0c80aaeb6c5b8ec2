using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Keys;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>Issued API keys in the embedded host: shown once, stored hashed, revoked and expired keys stop at once.</summary>
public class ApiKeyTests : IAsyncLifetime
{
    private readonly EmbeddedHostFactory factory;

    public ApiKeyTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ApiKeyTests(TestDatabase database) => factory = new(database: database);

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
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_only_its_hash_is_stored()
    {
        using var created = await admin.PostAsJsonAsync("/api/keys", TestPrincipals.Key("OCP liaison", ["liaison"], organisation: "ocp"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetString()!;
        Assert.StartsWith("ctk_", secret, StringComparison.Ordinal);
        Assert.Equal($"/api/keys/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("OCP", body.GetProperty("key").GetProperty("organisation").GetString());

        var read = await admin.GetStringAsync($"/api/keys/{id}", Ct);
        var list = await admin.GetStringAsync("/api/keys", Ct);
        Assert.DoesNotContain(secret, read, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", read, StringComparison.OrdinalIgnoreCase);

        await using var scope = factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<ApiKeyDb>().Keys.AsNoTracking().SingleAsync(k => k.Id == id, Ct);
        Assert.Equal(ApiKeySecrets.Hash(secret), row.SecretHash);
        Assert.DoesNotContain(secret[ApiKeySecrets.Prefix.Length..], JsonSerializer.Serialize(row), StringComparison.Ordinal);

        using var liaison = factory.CreateClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync("/api/tags", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_401_from_the_next_request()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        using var reader = factory.CreateClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/tags", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
        var revoked = await admin.GetFromJsonAsync<JsonElement>($"/api/keys/{id}", Ct);
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task An_expired_key_is_401()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("short-lived", ["reader"], expiresAt: DateTimeOffset.UtcNow.AddMinutes(5)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Keys cannot be issued already expired, so age this one in the store.
            var db = scope.ServiceProvider.GetRequiredService<ApiKeyDb>();
            var row = await db.Keys.SingleAsync(k => k.Id == id, Ct);
            row.ExpiresAt = DateTime.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync(Ct);
        }

        using var reader = factory.CreateClientWithKey(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/api/tags", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"liaison","roles":["liaison"]}""", "organisation")]
    [InlineData("""{"name":"liaison","roles":["liaison"],"organisation":"UN"}""", "organisation")]
    [InlineData("""{"name":"reader","roles":["reader"],"organisation":"OGP"}""", "organisation")]
    [InlineData("""{"name":"lead","roles":["country-lead"]}""", "memberScope")]
    [InlineData("""{"name":"lead","roles":["country-lead"],"memberScope":[]}""", "memberScope")]
    [InlineData("""{"name":"reader","roles":["reader"],"memberScope":["BGR"]}""", "memberScope")]
    [InlineData("""{"name":"nobody","roles":[]}""", "roles")]
    [InlineData("""{"name":"root","roles":["superuser"]}""", "roles")]
    [InlineData("""{"roles":["reader"]}""", "name")]
    [InlineData("""{"name":"old","roles":["reader"],"expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task An_invalid_request_is_a_400_naming_the_field(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/api/keys", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_admins_manage_keys()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("lead", ["country-lead"], memberScope: ["BGR"]));
        using var lead = factory.CreateClientWithKey(secret);

        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/keys/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync("/api/keys", TestPrincipals.Key("mine", ["admin"]), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.DeleteAsync($"/api/keys/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_id_is_a_404_problem()
    {
        using var get = await admin.GetAsync("/api/keys/key_0000000000000000", Ct);
        using var delete = await admin.DeleteAsync("/api/keys/key_0000000000000000", Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Keys_are_listed_in_pages_without_overlap()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key($"paged {i}", ["reader"]))).Id);
        }

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/keys?page=1&pageSize=2", Ct);
        var second = await admin.GetFromJsonAsync<JsonElement>("/api/keys?page=2&pageSize=2", Ct);

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(k => k.GetProperty("id").GetString()).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/keys?pageSize=0", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_bootstrap_key_keeps_working_beside_issued_keys()
    {
        await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("another admin", ["admin"]));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/keys", Ct)).StatusCode);
        using var unknown = factory.CreateClientWithKey("ctk_not-a-key-that-was-ever-issued");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/tags", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_embedded_host_does_not_accept_a_forwarded_identity()
    {
        // Even correctly signed: only services behind the gateway trust X-Forwarded-Identity.
        var token = InternalToken.Create(
            new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ClaimTypes.Role, "admin")], "test")),
            TestKeys.InternalSigning,
            DateTime.UtcNow);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(SecurityHeaders.ForwardedIdentity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/keys", Ct)).StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

/// <summary>The same tests with every database on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class ApiKeyOnPostgresTests() : ApiKeyTests(TestDatabase.Postgres);
