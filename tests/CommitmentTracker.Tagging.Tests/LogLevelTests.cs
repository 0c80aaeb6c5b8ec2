using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>
/// The service on its own has no settings file: it starts from the shared log levels, so EF Core's line per SQL command
/// (thousands a second while it catches up after an import) stays out of its console and telemetry.
/// </summary>
public sealed class LogLevelTests
{
    [Fact]
    public void The_service_logs_its_own_information_but_not_each_SQL_command()
    {
        using var tagging = new TaggingFactory();

        var loggers = tagging.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("CommitmentTracker.Tagging.Consumers.TaggingCommitmentConsumer").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("MassTransit.ReceiveTransport").IsEnabled(LogLevel.Information));
    }
}
