using System.Collections.Concurrent;

namespace CommitmentTracker.Engagement.Members;

/// <summary>
/// Messages about one member are applied one batch at a time in this process, whichever queue they arrive on: each
/// batch may reassess the member, and two reassessments read side by side would both write the same next history
/// version (the second then fails on the unique key, an error in the log of a normal import). The batches share one
/// <see cref="Messaging.KeyedGate"/> keyed by each message's <c>MemberCode</c>, taken before the inbox, so the effect and its
/// save are covered; other members proceed in parallel. Requests that reassess take the same gate (<see cref="MemberGate"/>).
/// Across instances the unique key remains the guard: the bus delivers a batch again, a request runs again.
/// </summary>
internal static class MemberPartitions
{
    private static readonly ConcurrentDictionary<Type, Func<object, string>> Readers = new();

    /// <summary>The member a message is about.</summary>
    internal static string MemberOf(object message) => Readers.GetOrAdd(message.GetType(), MemberCodeReader)(message);

    /// <summary>Checks that every message <typeparamref name="TConsumer"/> takes names its member: one without stops the start.</summary>
    internal static void RequireMemberCodes<TConsumer>()
    {
        foreach (var message in typeof(TConsumer).GetInterfaces()
                     .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Messaging.IBatchConsumer<>))
                     .Select(i => i.GetGenericArguments()[0]))
        {
            _ = Readers.GetOrAdd(message, MemberCodeReader);
        }
    }

    private static Func<object, string> MemberCodeReader(Type type)
    {
        var property = type.GetProperty("MemberCode", typeof(string))
            ?? throw new InvalidOperationException($"{type.Name} has no MemberCode: Engagement consumes only messages about one member, so they can be serialized per member.");
        return message => MemberCodes.Normalize((string?)property.GetValue(message) ?? string.Empty);
    }
}
