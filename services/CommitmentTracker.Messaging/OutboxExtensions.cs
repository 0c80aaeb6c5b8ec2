using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommitmentTracker.Messaging;

internal static class OutboxExtensions
{
    public static IServiceCollection AddOutboxRelay<TContext>(this IServiceCollection services) where TContext : ServiceDbContext
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal<TContext>>();
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        return services;
    }
}
