using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The one <c>AddMassTransit</c> of a process: the host passes the consumer registrations of the services it hosts,
    /// each of which can only add consumers behind their inbox (<see cref="ServiceConsumers"/>). The transport
    /// (in-memory or RabbitMQ) comes from <c>Messaging:Transport</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, params Action<ServiceConsumers>[] registrations)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        var transport = builder.Configuration.GetSection(MessagingOptions.SectionName).GetValue<MessagingTransport?>(nameof(MessagingOptions.Transport))
                        ?? MessagingTransport.InMemory;

        var consumers = new List<ConsumerRegistration>();
        builder.Services.AddSingleton(new ConsumerCatalog(consumers));
        builder.Services.AddMassTransit(bus =>
        {
            var serviceConsumers = new ServiceConsumers(bus, consumers);
            foreach (var register in registrations)
            {
                register(serviceConsumers);
            }

            if (transport == MessagingTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                    cfg.Host(options.RabbitMq.Host, options.RabbitMq.Port, options.RabbitMq.VirtualHost, host =>
                    {
                        host.Username(options.RabbitMq.Username);
                        host.Password(options.RabbitMq.Password);
                    });
                    ConfigureEndpoints(context, cfg, options);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                    ConfigureEndpoints(context, cfg, context.GetRequiredService<IOptions<MessagingOptions>>().Value));
            }
        });
        return builder;
    }

    private static void ConfigureEndpoints<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> cfg, MessagingOptions options)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        cfg.UseConsumeFilter(typeof(CorrelationIdConsumeFilter<>), context);
        // Short, bounded retries; then MassTransit moves the message to the endpoint's _error queue.
        cfg.UseMessageRetry(retry => retry.Intervals([.. options.RetryIntervals]));
        cfg.ConfigureEndpoints(context);
    }
}
