extern alias gateway;

using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommitmentTracker.Platform.Tests;

/// <summary>
/// Every process starts from the same log levels (ServiceDefaultsExtensions.DefaultLogLevels): our own lines at
/// Information, the framework's, EF Core's (each SQL command), MassTransit's and YARP's from Warning; configuration sets any again.
/// </summary>
public sealed class LogLevelDefaultsTests
{
    [Fact]
    public void The_embedded_host_logs_its_own_information_but_not_each_SQL_command()
    {
        using var host = new EmbeddedHostFactory();

        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("CommitmentTracker.ActionPlans.Imports.ImportRunner").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("MassTransit.Messages").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void The_gateway_leaves_out_YARPs_line_per_request()
    {
        using var gateway = new ServiceFactory<gateway::Program>();

        var loggers = gateway.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Yarp.ReverseProxy.Forwarder.HttpForwarder").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Yarp.ReverseProxy.Forwarder.HttpForwarder").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("CommitmentTracker.Gateway.Anything").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void A_configured_level_takes_the_place_of_a_default()
    {
        using var host = new EmbeddedHostFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("CommitmentTracker.ActionPlans.Imports.ImportRunner").IsEnabled(LogLevel.Information));
    }
}
