using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace CommitmentTracker.Engagement.Members;

/// <summary>
/// Messages about one member are consumed one at a time in this process, whichever queue they arrive on: each may
/// reassess the member, and two reassessments read side by side would both write the same next history version (the
/// second then fails on the unique key and is retried, an error in the log of a normal import). MassTransit's
/// partitioner keys every consumed message by its <c>MemberCode</c>, before the inbox, so the effect and its save are
/// covered; members still proceed in parallel. Across instances the unique key and the bus's retry remain the guard.
/// </summary>
internal static class MemberPartitions
{
    private static readonly MethodInfo PartitionMessage =
        typeof(MemberPartitions).GetMethod(nameof(Partition), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly ConcurrentDictionary<Type, Func<object, string>> MemberCodes = new();

    /// <summary>One partitioner for all the service's consumers (a member's messages share it across queues).</summary>
    public static IPartitioner Create(int partitions) => new MassTransit.Middleware.Partitioner(partitions, new MassTransit.Middleware.Murmur3UnsafeHashGenerator());

    /// <summary>Partitions every message <typeparamref name="TConsumer"/> consumes by its member; a message without <c>MemberCode</c> stops the start.</summary>
    public static Action<IConsumerConfigurator<TConsumer>> For<TConsumer>(IPartitioner partitioner)
        where TConsumer : class, IConsumer =>
        consumer =>
        {
            var messages = typeof(TConsumer).GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => i.GetGenericArguments()[0]);
            foreach (var message in messages)
            {
                PartitionMessage.MakeGenericMethod(typeof(TConsumer), message).Invoke(null, [consumer, partitioner]);
            }
        };

    /// <summary>The member a message is about.</summary>
    internal static string MemberOf(object message) => MemberCodes.GetOrAdd(message.GetType(), MemberCodeReader)(message);

    private static void Partition<TConsumer, TMessage>(IConsumerConfigurator<TConsumer> consumer, IPartitioner partitioner)
        where TConsumer : class
        where TMessage : class
    {
        _ = MemberCodes.GetOrAdd(typeof(TMessage), MemberCodeReader);
        consumer.Message<TMessage>(message => message.UsePartitioner(partitioner, context => MemberOf(context.Message)));
    }

    private static Func<object, string> MemberCodeReader(Type type)
    {
        var property = type.GetProperty("MemberCode", typeof(string))
            ?? throw new InvalidOperationException($"{type.Name} has no MemberCode: Engagement consumes only messages about one member, so they can be serialized per member.");
        return message => (string?)property.GetValue(message) ?? string.Empty;
    }
}
