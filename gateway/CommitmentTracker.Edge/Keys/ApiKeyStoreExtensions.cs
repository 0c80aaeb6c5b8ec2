using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.Edge.Data;
using CommitmentTracker.Edge.Features.Keys;
using CommitmentTracker.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Edge.Keys;

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
        builder.AddDatabase<ApiKeyDb, SqliteApiKeyDb, SqlServerApiKeyDb, PostgresApiKeyDb>(ConnectionName);
        var services = builder.Services;
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<IIssuedApiKeys, IssuedApiKeys>();
        services.AddOpenApiExamples(ApiKeyExamples.Add);
        return builder;
    }

    /// <summary><c>POST/GET /api/keys</c>, <c>GET/DELETE /api/keys/{id}</c>: admins only; <c>GET /api/me</c>: any caller.</summary>
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        CreateApiKey.Map(keys);
        ListApiKeys.Map(keys);
        GetApiKey.Map(keys);
        RevokeApiKey.Map(keys);
        GetCaller.Map(endpoints);
        return endpoints;
    }
}
