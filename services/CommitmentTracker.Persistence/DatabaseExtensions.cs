using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Persistence;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers a database: <typeparamref name="TContext"/> resolves to the SQLite or SQL Server subclass (each with its
    /// own migrations) chosen by <c>Database:Provider</c>, with the connection string <c>ConnectionStrings:{connectionName}</c>
    /// checked at start; its migrator (a hosted service, so it runs before the ones registered after it) and health check.
    /// <paramref name="configure"/> adds what the caller needs on top (interceptors, resolved from the root provider).
    /// The options are built once (singleton), not for every request's context.
    /// </summary>
    public static IHostApplicationBuilder AddDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(
            new ConnectionStringValidator(connectionName, () => builder.Configuration.GetConnectionString(connectionName)));
        services.TryAddSingleton(TimeProvider.System);

        var provider = builder.Configuration.GetSection(DatabaseOptions.SectionName).GetValue<DatabaseProvider?>(nameof(DatabaseOptions.Provider))
                       ?? DatabaseProvider.Sqlite;
        string ConnectionString() => builder.Configuration.GetConnectionString(connectionName) ?? string.Empty;
        if (provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContext<TContext, TSqlServerContext>((sp, options) =>
            {
                options.UseSqlServer(ConnectionString(), sql => sql.EnableRetryOnFailure());
                configure?.Invoke(sp, options);
            }, optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            services.AddDbContext<TContext, TSqliteContext>((sp, options) =>
            {
                options.UseSqlite(ConnectionString()).AddInterceptors(SqliteConnectionSettings.Instance);
                configure?.Invoke(sp, options);
            }, optionsLifetime: ServiceLifetime.Singleton);
        }

        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"{connectionName.ToLowerInvariant()}-database", tags: ["ready"]);
        return builder;
    }
}
