using System.Collections.Concurrent;
using CommitmentTracker.Messaging;
using CommitmentTracker.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Platform.Tests.Outbox;

public sealed record WidgetCreated(string Name);

public sealed record WidgetCounted(string Name);

public sealed record WidgetTallied(string Name);

internal sealed class Widget
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Count { get; set; }
}

/// <summary>A service database in miniature: one table plus the outbox and inbox every service has.</summary>
internal sealed class WidgetDb(DbContextOptions<WidgetDb> options) : ServiceDbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();
}

/// <summary>What the bus delivered to one host's consumer (behind its inbox), in order of arrival.</summary>
internal sealed class Received
{
    public ConcurrentQueue<(Guid MessageId, string Name)> Messages { get; } = new();

    public bool Has(string name) => Messages.Any(m => m.Name == name);
}

internal sealed class WidgetCreatedRecorder(Received received) : IConsumer<WidgetCreated>
{
    public Task Consume(ConsumeContext<WidgetCreated> context)
    {
        received.Messages.Enqueue((context.MessageId!.Value, context.Message.Name));
        return Task.CompletedTask;
    }
}

/// <summary>Not idempotent by itself (it increments): only the inbox keeps its effect to one per message.</summary>
internal sealed class WidgetCounter(WidgetDb db) : IConsumer<WidgetCounted>
{
    public async Task Consume(ConsumeContext<WidgetCounted> context)
    {
        var widget = await db.Widgets.SingleAsync(w => w.Name == context.Message.Name, context.CancellationToken);
        widget.Count++;
    }
}

/// <summary>The sizes of the batches <see cref="WidgetTally"/> was handed, and the names in them.</summary>
internal sealed class Tallies
{
    /// <summary>How many more times a widget named "outage" finds its database out of reach.</summary>
    private int outagesLeft;

    public ConcurrentQueue<IReadOnlyList<string>> Batches { get; } = new();

    public void DatabaseDownFor(int failures) => Volatile.Write(ref outagesLeft, failures);

    public bool DatabaseDown() => Interlocked.Decrement(ref outagesLeft) >= 0;
}

/// <summary>What a provider throws when its server cannot be reached (a transient <see cref="System.Data.Common.DbException"/>).</summary>
internal sealed class SimulatedOutageException() : System.Data.Common.DbException("The database server could not be reached (simulated).")
{
    public override bool IsTransient => true;
}

/// <summary>
/// Not idempotent by itself (it increments, per message of a batch): only the inbox keeps its effect to one per message.
/// A widget named "poison" fails every time; one named "fragile" fails only in a batch with other messages; one named
/// "outage" finds the database out of reach as often as <see cref="Tallies.DatabaseDownFor"/> says.
/// </summary>
internal sealed class WidgetTally(WidgetDb db, Tallies tallies) : IBatchConsumer<WidgetTallied>
{
    public async Task ConsumeAsync(IReadOnlyList<ConsumeContext<WidgetTallied>> messages, CancellationToken cancellationToken)
    {
        tallies.Batches.Enqueue([.. messages.Select(m => m.Message.Name)]);
        foreach (var message in messages)
        {
            if (message.Message.Name == "outage" && tallies.DatabaseDown())
            {
                throw new SimulatedOutageException();
            }

            if (message.Message.Name == "poison" || (message.Message.Name == "fragile" && messages.Count > 1))
            {
                throw new InvalidOperationException($"Widget {message.Message.Name} cannot be tallied.");
            }

            var widget = await db.Widgets.SingleAsync(w => w.Name == message.Message.Name, cancellationToken);
            widget.Count++;
        }
    }
}

/// <summary>A generic host with the real outbox relay, inbox and in-memory bus over a SQLite file.</summary>
internal sealed class OutboxTestHost : IAsyncDisposable
{
    private OutboxTestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public Received Received => Services.GetRequiredService<Received>();

    /// <summary>Starts a host on a SQLite file; <paramref name="settings"/> may switch the provider, the connection string or the transport.</summary>
    public static async Task<OutboxTestHost> StartAsync(string databaseFile, Dictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Widgets"] = $"Data Source={databaseFile}",
            ["Database:Provider"] = "Sqlite",
            ["Messaging:Transport"] = "InMemory",
            ["Outbox:PollingInterval"] = "00:10:00",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<Received>();
        builder.Services.AddSingleton<Tallies>();
        builder.AddServiceDatabase<WidgetDb, WidgetDb, WidgetDb, WidgetDb>("Widgets");
        builder.AddMessaging(consumers => consumers
            .Add<WidgetCreatedRecorder, WidgetDb>("widgets-created")
            .Add<WidgetCounter, WidgetDb>("widgets-counted")
            .AddBatch<WidgetTally, WidgetDb>("widgets-tallied", new BatchSettings { MessageLimit = 50, TimeLimit = TimeSpan.FromMilliseconds(200) }));
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetDb>();
            await db.Database.EnsureCreatedAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        await host.StartAsync();
        return new OutboxTestHost(host);
    }

    /// <summary>Creates a widget and its event in one SaveChanges, as a service endpoint would.</summary>
    public async Task CreateWidgetAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDb>();
        db.Widgets.Add(new Widget { Name = name });
        db.PublishOnCommit(new WidgetCreated(name));
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<WidgetDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WidgetDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
