using System.Text.Json;
using CommitmentTracker.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NetArchTest.Rules;

namespace CommitmentTracker.Architecture.Tests;

/// <summary>Messaging is safe by construction: every consumer runs behind its inbox, on a queue its service owns.</summary>
public sealed class MessagingTests : IClassFixture<EmbeddedHost>
{
    private readonly EmbeddedHost host;

    public MessagingTests(EmbeddedHost host) => this.host = host;

    public static TheoryData<string> Services => [.. Codebase.Services];

    /// <summary>Queues are part of a deployment (RabbitMQ keeps them): they change only on purpose, never with a class name.</summary>
    private static readonly string[] ExpectedQueues =
    [
        "engagement-action-plan-events", "engagement-commitment-events", "engagement-tag-events", "engagement-thread-events",
        "notifications-activity",
        "tagging-commitment-events",
    ];

    // Type names keep their '<' and '>' (the default encoder writes them as \u003C and \u003E).
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool Implements(Type type, Type generic) => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);

    [Fact]
    public void Every_consumer_of_every_service_is_registered_behind_the_inbox()
    {
        var consumers = Codebase.Services.SelectMany(s => Codebase.Service(s).GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && (Implements(t, typeof(IConsumer<>)) || Implements(t, typeof(IBatchConsumer<>))))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        var registered = host.Services.GetRequiredService<ConsumerCatalog>().Registrations.Select(r => r.Consumer.FullName!).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(consumers);
        Assert.Equal(consumers, registered);
    }

    /// <summary>Issue 21: every service consumer takes batches (one inbox query and one transaction per batch), and none is a bare MassTransit consumer.</summary>
    [Fact]
    public void Every_consumer_of_every_service_takes_batches_behind_the_inbox()
    {
        var types = Codebase.Services.SelectMany(s => Codebase.Service(s).GetTypes()).ToList();
        Assert.Empty(types.Where(t => Implements(t, typeof(IConsumer<>)) || typeof(IConsumer).IsAssignableFrom(t)).Select(t => t.FullName));
        var registrations = host.Services.GetRequiredService<ConsumerCatalog>().Registrations;
        Assert.All(registrations, r => Assert.True(r.Batched, $"{r.Consumer.Name} on {r.Queue} is not a batch consumer"));
    }

    [Fact]
    public void The_bus_runs_the_inbox_in_front_of_every_consumer()
    {
        var probe = JsonSerializer.Serialize(
            host.Services.GetRequiredService<IBusControl>().GetProbeResult(TestContext.Current.CancellationToken),
            ReadableJson);
        foreach (var registration in host.Services.GetRequiredService<ConsumerCatalog>().Registrations)
        {
            if (registration.Batched)
            {
                // The batch's MassTransit consumer is the inbox itself, one per message type the service's consumer takes.
                var messages = registration.Consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBatchConsumer<>))
                    .Select(i => i.GetGenericArguments()[0].Name).Order(StringComparer.Ordinal).ToList();
                var inboxes = System.Text.RegularExpressions.Regex.Matches(
                        probe, $@"InboxBatchConsumer<(?:[\w.]+\.)?{registration.Consumer.Name},\s*(?:[\w.]+\.)?{registration.Database.Name},\s*(?:[\w.]+\.)?(\w+)>")
                    .Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
                Assert.NotEmpty(messages);
                Assert.Equal(messages, inboxes);
            }
            else
            {
                Assert.Contains($"\"inboxConsumer\":\"{registration.Queue}\"", probe, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Queues_are_named_by_their_service_and_stable()
    {
        var registrations = host.Services.GetRequiredService<ConsumerCatalog>().Registrations;
        foreach (var registration in registrations)
        {
            var service = registration.Consumer.Assembly.GetName().Name!["CommitmentTracker.".Length..].ToLowerInvariant();
            Assert.StartsWith($"{service}-", registration.Queue, StringComparison.Ordinal);
        }

        Assert.Equal(ExpectedQueues, registrations.Select(r => r.Queue).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_can_neither_register_a_consumer_around_the_inbox_nor_call_the_inbox_itself(string service)
    {
        var result = Types.InAssembly(Codebase.Service(service)).ShouldNot()
            .HaveDependencyOnAny("MassTransit.IBusRegistrationConfigurator", "MassTransit.IRegistrationConfigurator", "CommitmentTracker.Messaging.Inbox`1")
            .GetResult();
        Assert.True(result.IsSuccessful, $"{service}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
