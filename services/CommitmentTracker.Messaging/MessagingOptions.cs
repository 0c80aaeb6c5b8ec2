using Microsoft.Extensions.Options;

namespace CommitmentTracker.Messaging;

public enum MessagingTransport
{
    InMemory,
    RabbitMq,
}

/// <summary>Settings under <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// How long a consumer holds its messages while its database cannot be reached (they are neither retried away nor
    /// moved to the _error queue meanwhile); after that the failure counts as any other.
    /// </summary>
    public TimeSpan DatabaseOutageHold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delays between the bounded retries of a failing consumer before the message goes to its <c>_error</c> queue.</summary>
    public IList<TimeSpan> RetryIntervals { get; } = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}

internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        if (!Enum.IsDefined(options.Transport))
        {
            return ValidateOptionsResult.Fail("Setting 'Messaging:Transport' must be InMemory or RabbitMq.");
        }

        if (options.Transport != MessagingTransport.RabbitMq)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RabbitMq.Host))
        {
            failures.Add("Setting 'Messaging:RabbitMq:Host' (env Messaging__RabbitMq__Host) is required when Messaging:Transport is RabbitMq.");
        }

        if (options.RabbitMq.Port == 0)
        {
            failures.Add("Setting 'Messaging:RabbitMq:Port' must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.RabbitMq.Username))
        {
            failures.Add("Setting 'Messaging:RabbitMq:Username' is required when Messaging:Transport is RabbitMq.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
