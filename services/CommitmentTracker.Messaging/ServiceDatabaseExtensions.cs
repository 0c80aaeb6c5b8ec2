using CommitmentTracker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommitmentTracker.Messaging;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's database (<see cref="DatabaseExtensions.AddDatabase{TContext,TSqliteContext,TSqlServerContext,TPostgresContext}"/>)
    /// with what makes its events safe: the commit interceptor that wakes the outbox relay, the relay itself (started
    /// after the migrator) and the inbox its consumers run behind.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext, TPostgresContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
        where TPostgresContext : TContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<OutboxCommitInterceptor<TContext>>();
        builder.AddDatabase<TContext, TSqliteContext, TSqlServerContext, TPostgresContext>(connectionName, (sp, options) =>
            options.AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor<TContext>>()));
        builder.Services.AddScoped<Inbox<TContext>>();
        builder.Services.AddOutboxRelay<TContext>();
        return builder;
    }
}
