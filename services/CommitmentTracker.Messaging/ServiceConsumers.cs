using System.Text.RegularExpressions;
using MassTransit;

namespace CommitmentTracker.Messaging;

/// <summary>A consumer as a service registered it: the queue it owns and the database whose inbox it runs behind.</summary>
public sealed record ConsumerRegistration(Type Consumer, Type Database, string Queue);

/// <summary>
/// The only way a service registers a consumer: on a queue it names (stable when the class is renamed, never shared
/// with another service) and behind the inbox of its database, so every message has exactly one effect. The queue name
/// is also the consumer's inbox key. The consumer changes its database (and may <c>PublishOnCommit</c>) without saving:
/// the inbox saves the change, its record and the events in one transaction.
/// </summary>
public sealed partial class ServiceConsumers
{
    private readonly IBusRegistrationConfigurator bus;
    private readonly List<ConsumerRegistration> registered;

    internal ServiceConsumers(IBusRegistrationConfigurator bus, List<ConsumerRegistration> registered)
    {
        this.bus = bus;
        this.registered = registered;
    }

    /// <summary>
    /// Registers <typeparamref name="TConsumer"/> on <paramref name="queue"/> (kebab-case, prefixed with the service's name),
    /// behind <typeparamref name="TDatabase"/>'s inbox. <paramref name="messages"/> may add filters per message type that run
    /// before the inbox (a partitioner, say), so they cover the effect and its save.
    /// </summary>
    public ServiceConsumers Add<TConsumer, TDatabase>(string queue, Action<IConsumerConfigurator<TConsumer>>? messages = null)
        where TConsumer : class, IConsumer
        where TDatabase : ServiceDbContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        if (!QueueName().IsMatch(queue))
        {
            throw new ArgumentException($"Queue name '{queue}' must be kebab-case: lower-case letters, digits and '-', at most 100 characters.", nameof(queue));
        }

        if (registered.Any(r => r.Queue == queue || r.Consumer == typeof(TConsumer)))
        {
            throw new InvalidOperationException($"{typeof(TConsumer).Name} on '{queue}': a queue holds one consumer, and a consumer is registered once.");
        }

        registered.Add(new ConsumerRegistration(typeof(TConsumer), typeof(TDatabase), queue));
        bus.AddConsumer<TConsumer>((_, consumer) =>
            {
                messages?.Invoke(consumer);
                consumer.UseFilter(new InboxFilter<TConsumer, TDatabase>(queue));
            })
            .Endpoint(endpoint => endpoint.Name = queue);
        return this;
    }

    [GeneratedRegex("^(?=.{1,100}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();
}

/// <summary>What the process's consumers are, for its start-up log and the architecture tests.</summary>
public sealed class ConsumerCatalog(IReadOnlyList<ConsumerRegistration> registrations)
{
    public IReadOnlyList<ConsumerRegistration> Registrations { get; } = registrations;
}

/// <summary>Runs a consumer behind its database's inbox: skipped when its queue already handled the message, saved with the inbox record otherwise.</summary>
internal sealed class InboxFilter<TConsumer, TDatabase>(string consumerKey) : IFilter<ConsumerConsumeContext<TConsumer>>
    where TConsumer : class
    where TDatabase : ServiceDbContext
{
    public Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next) =>
        context.GetServiceOrCreateInstance<Inbox<TDatabase>>().HandleOnceAsync(consumerKey, context, () => next.Send(context));

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox").Add("inboxConsumer", consumerKey);
}
