using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Persistence;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers a database: <typeparamref name="TContext"/> resolves to the SQLite, SQL Server or PostgreSQL subclass
    /// (each with its own migrations) chosen by <c>Database:Provider</c>, with the connection string
    /// <c>ConnectionStrings:{connectionName}</c> checked at start; its migrator (a hosted service, so it runs before the
    /// ones registered after it) and health check, named after the connection (<c>actionplans-database</c>), so
    /// <c>/health</c> says which database is down. <paramref name="configure"/> adds what the caller needs on top
    /// (interceptors, resolved from the root provider). The options are built once (singleton), not for every request's context.
    /// Also registers <see cref="DatabaseChanges{TContext}"/>, the cheap "has anything changed" check for caches.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase<TContext, TSqliteContext, TSqlServerContext, TPostgresContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
        where TPostgresContext : TContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(
            new ConnectionStringValidator(connectionName, () => builder.Configuration.GetConnectionString(connectionName)));
        services.TryAddSingleton(TimeProvider.System);

        var provider = builder.Configuration.GetSection(DatabaseOptions.SectionName).GetValue<DatabaseProvider?>(nameof(DatabaseOptions.Provider))
                       ?? DatabaseProvider.Sqlite;
        string ConnectionString() => builder.Configuration.GetConnectionString(connectionName) ?? string.Empty;
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContext<TContext, TSqlServerContext>((sp, options) =>
                {
                    options.UseSqlServer(ConnectionString(), sql => sql.EnableRetryOnFailure());
                    configure?.Invoke(sp, options);
                }, optionsLifetime: ServiceLifetime.Singleton);
                break;
            case DatabaseProvider.Postgres:
                // No retrying strategy: with the database down a request fails within the connect timeout and the
                // caller gets a 503 to retry, instead of the request hanging through a series of back-offs.
                services.AddDbContext<TContext, TPostgresContext>((sp, options) =>
                {
                    options.UseNpgsql(PostgresConnection.WithDefaults(ConnectionString()));
                    configure?.Invoke(sp, options);
                }, optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                services.AddDbContext<TContext, TSqliteContext>((sp, options) =>
                {
                    options.UseSqlite(ConnectionString()).AddInterceptors(SqliteConnectionSettings.Instance);
                    configure?.Invoke(sp, options);
                }, optionsLifetime: ServiceLifetime.Singleton);
                break;
        }

        // What caches of this database's reads check on every request (SQLite files only; null elsewhere).
        services.AddSingleton(_ => new DatabaseChanges<TContext>(provider == DatabaseProvider.Sqlite ? ConnectionString() : null));
        services.AddHostedService<DatabaseMigrator<TContext>>();
        var healthCheckName = $"{connectionName.ToLowerInvariant()}-database";
        if (provider == DatabaseProvider.Sqlite)
        {
            // Without EF's model: the first /health after a start does not wait for it to be built (issue 21).
            services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckName, _ => new SqliteHealthCheck(ConnectionString()), failureStatus: null, tags: ["ready"]));
        }
        else
        {
            services.AddHealthChecks().AddDbContextCheck<TContext>(healthCheckName, tags: ["ready"]);
        }

        return builder;
    }
}
