using System.Net.Http.Headers;
using System.Security.Claims;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Testing;

/// <summary>Keys the in-process tests use.</summary>
public static class TestKeys
{
    public const string Admin = "test-admin-key-0123456789";

    /// <summary>The gateway's and services' shared <c>Auth:InternalSigningKey</c> in tests (at least 32 bytes).</summary>
    public const string InternalSigning = "test-internal-signing-key-0123456789abcdef";
    public const string HeaderName = "X-Api-Key";
}

/// <summary>The database provider an in-process test host runs on.</summary>
public enum TestDatabase
{
    /// <summary>SQLite files in the factory's temporary folder.</summary>
    Sqlite,

    /// <summary>Fresh databases on the test process's private PostgreSQL server (<see cref="PostgresServer.Shared"/>), dropped on dispose.</summary>
    Postgres,
}

/// <summary>
/// Runs a service (or the embedded host) in process: its own databases (SQLite files in a temporary folder, or fresh
/// PostgreSQL databases with <paramref name="database"/>), migrated at start, the in-memory bus, the test admin key.
/// Extra settings come from <paramref name="settings"/>; services can be replaced with <paramref name="configureServices"/>
/// (e.g. an HTTP handler standing in for a remote server).
/// </summary>
public class ServiceFactory<TEntryPoint>(
    IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null, TestDatabase database = TestDatabase.Sqlite)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private static readonly string[] ConnectionNames = ["ActionPlans", "Tagging", "Engagement", "Notifications"];
    private static readonly string[] PostgresConnectionNames = [.. ConnectionNames, "ApiKeys"];
    private readonly List<string> postgresDatabases = [];

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ct-tests-").FullName;

    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Auth:BootstrapAdminKey", TestKeys.Admin);
        builder.UseSetting("Auth:InternalSigningKey", TestKeys.InternalSigning);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateAtStart", "true");
        builder.UseSetting("Messaging:Transport", "InMemory");
        builder.UseSetting("Embedded:DataDirectory", DataDirectory);
        builder.UseSetting("Imports:WorkDirectory", Path.Combine(DataDirectory, "imports"));
        foreach (var name in ConnectionNames)
        {
            builder.UseSetting($"ConnectionStrings:{name}", $"Data Source={Path.Combine(DataDirectory, name.ToLowerInvariant())}.db");
        }

        if (database == TestDatabase.Postgres)
        {
            // Skips the test here (fails it under CI) when the server cannot start.
            var server = PostgresServer.Shared;
            builder.UseSetting("Database:Provider", "Postgres");
            foreach (var name in PostgresConnectionNames)
            {
                var created = server.CreateDatabase(name);
                postgresDatabases.Add(created);
                builder.UseSetting($"ConnectionStrings:{name}", server.ConnectionString(created));
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient CreateAdminClient() => CreateClientWithKey(TestKeys.Admin);

    /// <summary>
    /// A client that calls as the gateway forwards a caller (a signed identity, fresh on every request): the role, a
    /// liaison's organisation, a country lead's members, and an id that defaults to <c>{role}-{organisation}</c>.
    /// </summary>
    public HttpClient As(string role, string? organisation = null, IEnumerable<string>? members = null, string? id = null)
    {
        var name = id ?? $"{role}-{organisation}";
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, name), new(ClaimTypes.Name, name), new(ClaimTypes.Role, role)];
        if (organisation is not null)
        {
            claims.Add(new Claim(TrackerClaims.Organisation, organisation));
        }

        claims.AddRange((members ?? []).Select(code => new Claim(TrackerClaims.Member, code)));
        var client = CreateDefaultClient(new ForwardedIdentityHandler(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient CreateClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestKeys.HeaderName, key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var created in postgresDatabases)
            {
                PostgresServer.Shared.DropDatabase(created);
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the OS temp cleaner takes it later.
            }
        }
    }
}

/// <summary>Signs the caller into every request as the gateway would (the token is short-lived, so one per request).</summary>
internal sealed class ForwardedIdentityHandler(ClaimsPrincipal caller) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(InternalToken.HeaderName);
        request.Headers.Add(InternalToken.HeaderName, InternalToken.Create(caller, TestKeys.InternalSigning, DateTime.UtcNow));
        return base.SendAsync(request, cancellationToken);
    }
}
