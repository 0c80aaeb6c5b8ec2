using CommitmentTracker.Platform.Tests.Outbox;
using CommitmentTracker.Testing;
using Testcontainers.RabbitMq;

namespace CommitmentTracker.Platform.Tests.Containers;

/// <summary>The outbox relay and inbox over a RabbitMQ container (the system tests use Debian's RabbitMQ instead).</summary>
public sealed class RabbitMqContainerTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-rabbit-");

    [Fact]
    public async Task Events_travel_through_RabbitMQ()
    {
        Docker.Require();
        await using var rabbit = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
        await rabbit.StartAsync(TestContext.Current.CancellationToken);
        var broker = new Uri(rabbit.GetConnectionString());
        var credentials = broker.UserInfo.Split(':');
        await using var host = await OutboxTestHost.StartAsync(Path.Combine(folder.FullName, "widgets.db"), new()
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = broker.Host,
            ["Messaging:RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:RabbitMq:Username"] = Uri.UnescapeDataString(credentials[0]),
            ["Messaging:RabbitMq:Password"] = Uri.UnescapeDataString(credentials[1]),
        });

        await host.CreateWidgetAsync("over-rabbit");

        await Eventually.UntilAsync(() => Task.FromResult(host.Received.Has("over-rabbit")), TimeSpan.FromSeconds(30), "the event over RabbitMQ");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
