using Microsoft.Extensions.Options;

namespace CommitmentTracker.Platform.Tests;

/// <summary>A bad setting stops the process at start with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Auth:BootstrapAdminKey", "", "Auth:BootstrapAdminKey")]
    [InlineData("Auth:BootstrapAdminKey", "too-short", "Auth:BootstrapAdminKey")]
    [InlineData("ConnectionStrings:Tagging", "", "ConnectionStrings:Tagging")]
    [InlineData("ConnectionStrings:ApiKeys", "", "ConnectionStrings:ApiKeys")]
    [InlineData("Auth:InternalSigningKey", "shorter-than-32-bytes", "Auth:InternalSigningKey")]
    [InlineData("Auth:Jwt:Authority", "https://identity.example/", "Auth:Jwt:Audience")]
    [InlineData("Auth:Jwt:Authority", "not a url", "Auth:Jwt:Authority")]
    [InlineData("Outbox:BatchSize", "0", "BatchSize")]
    [InlineData("Outbox:PollingInterval", "00:00:00", "PollingInterval")]
    public void A_bad_setting_stops_the_start_and_is_named(string key, string value, string named)
    {
        using var factory = new EmbeddedHostFactory(new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(failure));
        Assert.Contains(named, string.Join(" ", validation.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void RabbitMq_without_a_host_is_named()
    {
        using var factory = new EmbeddedHostFactory(new Dictionary<string, string?> { ["Messaging:Transport"] = "RabbitMq", ["Messaging:RabbitMq:Host"] = " " });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Messaging:RabbitMq:Host", string.Join(" ", Assert.IsType<OptionsValidationException>(Unwrap(failure)).Failures), StringComparison.Ordinal);
    }

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;
}
