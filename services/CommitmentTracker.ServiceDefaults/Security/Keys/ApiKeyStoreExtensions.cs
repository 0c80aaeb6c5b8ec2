using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.ServiceDefaults.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Security.Keys;

public static class ApiKeyStoreExtensions
{
    /// <summary>The connection string name of the key store (<c>ConnectionStrings:ApiKeys</c>).</summary>
    public const string ConnectionName = ApiKeyDb.ConnectionName;

    /// <summary>
    /// The key store, where issued keys are checked: the embedded host and the gateway. Same <c>Database</c> settings
    /// and migrations-per-provider as the services' databases, but no outbox: keys raise no events.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeyStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(
            new ConnectionStringValidator(ConnectionName, () => builder.Configuration.GetConnectionString(ConnectionName)));
        services.TryAddSingleton(TimeProvider.System);

        var provider = builder.Configuration.GetSection(DatabaseOptions.SectionName).GetValue<DatabaseProvider?>(nameof(DatabaseOptions.Provider))
                       ?? DatabaseProvider.Sqlite;
        string ConnectionString() => builder.Configuration.GetConnectionString(ConnectionName) ?? string.Empty;
        if (provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContext<ApiKeyDb, SqlServerApiKeyDb>(options => options.UseSqlServer(ConnectionString(), sql => sql.EnableRetryOnFailure()));
        }
        else
        {
            services.AddDbContext<ApiKeyDb, SqliteApiKeyDb>(options => options.UseSqlite(ConnectionString()).AddInterceptors(SqliteConnectionSettings.Instance));
        }

        services.AddScoped<IIssuedApiKeys, IssuedApiKeys>();
        services.AddOpenApiExamples(ApiKeyExamples.Add);
        services.AddHostedService<DatabaseMigrator<ApiKeyDb>>();
        services.AddHealthChecks().AddDbContextCheck<ApiKeyDb>("apikeys-database", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>POST/GET /api/keys</c>, <c>GET/DELETE /api/keys/{id}</c>: admins only; <c>GET /api/me</c>: any caller.</summary>
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiKeyEndpoints();
        endpoints.MapCallerEndpoint();
        return endpoints;
    }
}
