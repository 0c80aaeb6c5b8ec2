using CommitmentTracker.Client;
using CommitmentTracker.Testing;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// One distributed system (RabbitMQ, four service processes, the gateway) shared by the system tests. Without RabbitMQ
/// installed the tests skip, except under CI=true, where they fail: there the broker must start.
/// </summary>
public sealed class DistributedSystem : IAsyncLifetime
{
    public const string AdminKey = "system-test-admin-key-0123456789";

    /// <summary>Signs the unsubscribe links of the system's emails.</summary>
    public const string UnsubscribeKey = "system-test-unsubscribe-key-0123456789abcdef";

    private LocalDistributedSystem? system;

    /// <summary>The SMTP server Notifications sends to (aiosmtpd on loopback); null when RabbitMQ is missing.</summary>
    public SmtpSink? Smtp { get; private set; }

    public string? SkipReason { get; private set; }

    public LocalDistributedSystem System => system ?? throw new InvalidOperationException(SkipReason);

    public Uri GatewayAddress => System.GatewayAddress;

    public ICommitmentTrackerApi AdminApi => CommitmentTrackerClient.Create(GatewayAddress, AdminKey);

    public HttpClient CreateHttpClient(string? apiKey = AdminKey)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Skips the calling test when the system could not be started here (never under CI).</summary>
    public void RequireRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public Task<string> RunScriptAsync(string command) => System.RunAsync(command);

    public async ValueTask InitializeAsync()
    {
        if (!LocalDistributedSystem.RabbitMqInstalled)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true: system tests need their broker. " + LocalDistributedSystem.RabbitMqMissingReason);
            }

            SkipReason = LocalDistributedSystem.RabbitMqMissingReason;
            return;
        }

        Smtp = await SmtpSink.StartAsync();
        Smtp.ThrowIfUnavailableUnderCi();
        var settings = new Dictionary<string, string>
        {
            // Webhook receivers of the tests live on this machine's loopback, which webhooks may not reach by default.
            ["Notifications__Webhooks__AllowList__0"] = "127.0.0.1",
            ["Notifications__PublicBaseUrl"] = "http://tracker.test/",
            ["Notifications__UnsubscribeSigningKey"] = UnsubscribeKey,
            ["Notifications__WebhookSecretKey"] = "system-test-webhook-secret-key-0123456789",
        };
        if (Smtp.Unavailable is null)
        {
            settings["Notifications__Smtp__Host"] = "127.0.0.1";
            settings["Notifications__Smtp__Port"] = Smtp.Port.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            settings["Notifications__Smtp__Security"] = "None";
            settings["Notifications__Smtp__From"] = "alerts@tracker.test";
        }

        system = new LocalDistributedSystem(AdminKey, settings);
        await system.RunAsync("start");
    }

    public async ValueTask DisposeAsync()
    {
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (system is not null)
        {
            await system.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedDistributedSystem : ICollectionFixture<DistributedSystem>
{
    public const string Name = "distributed system";
}
