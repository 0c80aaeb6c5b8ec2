using CommitmentTracker.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.ServiceDefaults.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers a service's database: <typeparamref name="TContext"/> resolves to the SQLite or SQL Server subclass
    /// (each with its own migrations) chosen by <c>Database:Provider</c>; plus its migrator, health check and outbox relay.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
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
        services.AddSingleton<OutboxCommitInterceptor<TContext>>();

        if (provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContext<TContext, TSqlServerContext>((sp, options) => options
                .UseSqlServer(ConnectionString(), sql => sql.EnableRetryOnFailure())
                .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor<TContext>>()));
        }
        else
        {
            services.AddDbContext<TContext, TSqliteContext>((sp, options) => options
                .UseSqlite(ConnectionString())
                .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor<TContext>>(), SqliteConnectionSettings.Instance));
        }

        services.AddScoped<Inbox<TContext>>();
        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"{connectionName.ToLowerInvariant()}-database", tags: ["ready"]);
        services.AddOutboxRelay<TContext>();
        return builder;
    }
}
