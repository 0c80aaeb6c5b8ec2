using System.Reflection;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommitmentTracker.Messaging;

/// <summary>A consumer as a service registered it: the queue it owns, the database whose inbox it runs behind, and whether it takes batches.</summary>
public sealed record ConsumerRegistration(Type Consumer, Type Database, string Queue, bool Batched = false);

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

    /// <summary>The process's services: for what a service's consumers share with the rest of it (a gate its requests take too).</summary>
    public IServiceCollection Services => bus;

    /// <summary>
    /// Registers <typeparamref name="TConsumer"/> on <paramref name="queue"/> (kebab-case, prefixed with the service's name),
    /// behind <typeparamref name="TDatabase"/>'s inbox. <paramref name="messages"/> may add filters per message type that run
    /// before the inbox (a partitioner, say), so they cover the effect and its save.
    /// </summary>
    public ServiceConsumers Add<TConsumer, TDatabase>(string queue, Action<IConsumerConfigurator<TConsumer>>? messages = null)
        where TConsumer : class, IConsumer
        where TDatabase : ServiceDbContext
    {
        Register<TConsumer, TDatabase>(queue, batched: false);
        bus.AddConsumer<TConsumer>((_, consumer) =>
            {
                messages?.Invoke(consumer);
                consumer.UseFilter(new InboxFilter<TConsumer, TDatabase>(queue));
            })
            .Endpoint(endpoint => endpoint.Name = queue);
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TConsumer"/>, an <see cref="IBatchConsumer{TMessage}"/> of one or more message types, on
    /// <paramref name="queue"/> behind <typeparamref name="TDatabase"/>'s inbox: MassTransit collects each type's messages
    /// into batches (<paramref name="settings"/>), and each batch takes one inbox query and one transaction
    /// (<see cref="InboxBatchConsumer{TConsumer, TDatabase, TMessage}"/>).
    /// </summary>
    public ServiceConsumers AddBatch<TConsumer, TDatabase>(string queue, BatchSettings? settings = null)
        where TConsumer : class
        where TDatabase : ServiceDbContext
    {
        settings ??= new BatchSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MessageLimit, 1);
        if ((settings.Gate is null) != (settings.KeyOf is null))
        {
            throw new ArgumentException("A batch gate needs the key of a message, and a key needs a gate.", nameof(settings));
        }

        var messageTypes = typeof(TConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBatchConsumer<>))
            .Select(i => i.GetGenericArguments()[0]).ToList();
        if (messageTypes.Count == 0)
        {
            throw new ArgumentException($"{typeof(TConsumer).Name} consumes nothing: a batch consumer implements IBatchConsumer<TMessage>.", nameof(TConsumer));
        }

        if (typeof(TConsumer).GetInterfaces().Any(i => i == typeof(IConsumer)))
        {
            throw new ArgumentException($"{typeof(TConsumer).Name} is a MassTransit consumer too: a batch consumer is only an IBatchConsumer<TMessage>.", nameof(TConsumer));
        }

        Register<TConsumer, TDatabase>(queue, batched: true);
        bus.TryAddScoped<TConsumer>();
        bus.AddSingleton(new BatchQueue<TConsumer>(queue, settings));
        foreach (var message in messageTypes)
        {
            AddBatchOf.MakeGenericMethod(typeof(TConsumer), typeof(TDatabase), message).Invoke(null, [bus, queue, settings]);
        }

        return this;
    }

    private static readonly MethodInfo AddBatchOf = typeof(ServiceConsumers).GetMethod(nameof(AddBatchOfMessage), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static void AddBatchOfMessage<TConsumer, TDatabase, TMessage>(IBusRegistrationConfigurator bus, string queue, BatchSettings settings)
        where TConsumer : class, IBatchConsumer<TMessage>
        where TDatabase : ServiceDbContext
        where TMessage : class =>
        bus.AddConsumer<InboxBatchConsumer<TConsumer, TDatabase, TMessage>>(consumer =>
                // One batch of a type at a time: a queue's batches of one type take effect in the order they were collected.
                consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(settings.MessageLimit).SetTimeLimit(settings.TimeLimit).SetConcurrencyLimit(1)))
            .Endpoint(endpoint =>
            {
                endpoint.Name = queue;
                // Messages in flight: enough for one full batch, which the queue's types share. Not one batch per type:
                // every message of a batch being collected or consumed holds a slot, and MassTransit's in-memory transport
                // wakes the reader of every idle slot for each message it delivers, so idle slots cost CPU on every message
                // (issue 21: 300 slots instead of 100 on Tagging's queue, 1,200 instead of 100 on Notifications', took the
                // embedded pipeline from 23 s to 29 s behind a 20k-row import). A batch of one type still fills when its
                // type arrives alone, as an import's events do; mixed types make smaller batches, handed over at the time limit.
                endpoint.PrefetchCount = settings.MessageLimit;
                endpoint.ConcurrentMessageLimit = settings.MessageLimit;
            });

    private void Register<TConsumer, TDatabase>(string queue, bool batched)
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

        registered.Add(new ConsumerRegistration(typeof(TConsumer), typeof(TDatabase), queue, batched));
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
