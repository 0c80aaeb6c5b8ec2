using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommitmentTracker.Benchmarks;

public sealed record BenchPing(int Sequence);

/// <summary>
/// Bus throughput, end to end (first publish → last consume), on one broker in one run: MassTransit over RabbitMQ as
/// the services' bus is set up (AddMessaging's transport; the consumer here has no database, so no inbox) against raw
/// RabbitMQ.Client with the same guarantees (durable queue, persistent messages, publisher confirms, manual acks).
/// </summary>
internal static class ThroughputBenchmark
{
    private const int Messages = 10_000;
    private const int InFlight = 100;
    private const int Rounds = 3;

    public static async Task RunAsync()
    {
        await using var system = new LocalDistributedSystem(EmbeddedHostProcess.AdminKey);
        await system.RunAsync("broker-start");
        Console.WriteLine($"{Messages} messages per run, {InFlight} publishes in flight, one consumer, broker on 127.0.0.1:{system.RabbitMqPort}; one unreported warm-up round each (JIT), then rounds alternate raw/MassTransit.");
        await RawAsync(system.RabbitMqPort);
        await MassTransitAsync(system.RabbitMqPort);
        Console.WriteLine("| round | raw RabbitMQ.Client msg/s | MassTransit msg/s | ratio |\n|---|---|---|---|");
        var ratios = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var raw = await RawAsync(system.RabbitMqPort);
            var bus = await MassTransitAsync(system.RabbitMqPort);
            ratios.Add(bus / raw);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {round} | {raw:0} | {bus:0} | {bus / raw:0.00} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio MassTransit/raw over {Rounds} rounds: {ratios.Order().ElementAt(ratios.Count / 2):0.00}"));
    }

    private static async Task<double> RawAsync(int port)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = port, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consumerChannel = await connection.CreateChannelAsync();
        const string queue = "bench-raw";
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await publisher.QueuePurgeAsync(queue);

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await consumerChannel.BasicQosAsync(prefetchSize: 0, prefetchCount: InFlight, global: false);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == Messages)
            {
                done.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, ct) =>
            await publisher.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, Encoding.UTF8.GetBytes($"{{\"sequence\":{i}}}"), ct));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return Messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> MassTransitAsync(int port)
    {
        var counter = new PingCounter(Messages);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(counter);
        // AddMessaging registers only consumers behind a database's inbox; the ping consumer has no database.
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<PingConsumer>().Endpoint(endpoint => endpoint.Name = "bench-ping");
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host("127.0.0.1", (ushort)port, "/", host =>
                {
                    host.Username("guest");
                    host.Password("guest");
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            // As the outbox relay does: publish only once the consumer's queue is bound.
            await Eventually.UntilAsync(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy), TimeSpan.FromSeconds(30), "the bus to be healthy");
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, ct) =>
                await bus.Publish(new BenchPing(i), ct));
            await counter.Done.WaitAsync(TimeSpan.FromMinutes(2));
            return Messages / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}

internal sealed class PingCounter(int target)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int received;

    public Task Done => done.Task;

    public void Count()
    {
        if (Interlocked.Increment(ref received) == target)
        {
            done.TrySetResult();
        }
    }
}

internal sealed class PingConsumer(PingCounter counter) : IConsumer<BenchPing>
{
    public Task Consume(ConsumeContext<BenchPing> context)
    {
        counter.Count();
        return Task.CompletedTask;
    }
}
