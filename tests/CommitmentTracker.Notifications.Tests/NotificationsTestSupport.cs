using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Set(DateTimeOffset value) => now = value;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>
/// The Notifications service in process: fast polling, short retry delays, webhooks allowed to reach this machine's
/// loopback (the receivers of the tests live there), email to <paramref name="smtpPort"/> when given.
/// </summary>
internal sealed class NotificationsFactory(int? smtpPort = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null, TestDatabase database = TestDatabase.Sqlite)
    : ServiceFactory<Program>(Settings(smtpPort, settings), services =>
    {
        if (time is not null)
        {
            services.AddSingleton(time);
        }
    }, database)
{
    public const string UnsubscribeKey = "test-unsubscribe-signing-key-0123456789abcdef";
    public const string WebhookSecretKey = "test-webhook-secret-key-0123456789abcdefghij";

    private static Dictionary<string, string?> Settings(int? smtpPort, IReadOnlyDictionary<string, string?>? extra)
    {
        var all = new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = "https://tracker.example.org/",
            ["Notifications:UnsubscribeSigningKey"] = UnsubscribeKey,
            ["Notifications:WebhookSecretKey"] = WebhookSecretKey,
            ["Notifications:Delivery:PollingInterval"] = "00:00:00.100",
            ["Notifications:Delivery:RetryDelays:0"] = "00:00:00.100",
            ["Notifications:Delivery:RetryDelays:1"] = "00:00:00.100",
            ["Notifications:Webhooks:AllowList:0"] = "127.0.0.1",
            ["Notifications:Webhooks:FailuresBeforeDisable"] = "5",
        };
        if (smtpPort is { } port)
        {
            all["Notifications:Smtp:Host"] = "127.0.0.1";
            all["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            all["Notifications:Smtp:Security"] = "None";
            all["Notifications:Smtp:From"] = "Commitment Tracker <alerts@tracker.example.org>";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    public HttpClient Lead(string id = "lead-bgr", params string[] members) => As(Roles.CountryLead, members: members.Length == 0 ? ["BGR"] : members, id: id);

    public HttpClient Reader(string id = "reader") => As(Roles.Reader, id: id);

    /// <summary>Publishes an event with a chosen message id and waits until the consumer finished with it.</summary>
    public Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        _ = Server; // starts the host
        return Services.GetRequiredService<IBus>().PublishAndWaitAsync(message, messageId, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Makes members and tags known to the service, as the events of an import and of tagging would.</summary>
    public async Task KnowAsync(string[] members, string[]? tags = null)
    {
        foreach (var member in members)
        {
            await PublishAsync(Events.Plan(member));
        }

        foreach (var tag in tags ?? [])
        {
            await PublishAsync(Events.Tagged("ZZ0001", members[0], tag, TagStatus.Confirmed));
        }
    }

    public async Task<T> QueryAsync<T>(Func<NotificationsDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDb>());
    }

    public Task<SubscriptionWithSecretResponse> SubscribeAsync(HttpClient client, object request) =>
        client.PostAsJsonAsync("/api/subscriptions", request, TestContext.Current.CancellationToken).OkAsync<SubscriptionWithSecretResponse>(HttpStatusCode.Created);

    public async Task<List<DeliveryResponse>> DeliveriesAsync(Guid subscriptionId)
    {
        using var admin = CreateAdminClient();
        var page = await admin.GetFromJsonAsync<PagedResponse<DeliveryResponse>>($"/api/deliveries?subscription={subscriptionId}&pageSize=200", TestContext.Current.CancellationToken);
        return [.. page!.Items];
    }

    public Task<List<DeliveryResponse>> DeliveriesWhenAsync(Guid subscriptionId, Func<List<DeliveryResponse>, bool> done, string what) =>
        Eventually.GetAsync(() => DeliveriesAsync(subscriptionId), done, TimeSpan.FromSeconds(20), what);
}

/// <summary>Sample events.</summary>
internal static class Events
{
    public static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static ActionPlanImported Plan(string member, DateTimeOffset? at = null) => new()
    {
        ActionPlanId = $"AP_{member}05", MemberCode = member, MemberName = member == "BGR" ? "Bulgaria" : member, Number = 5, SubmissionYear = 2024, EndYear = 2026, OccurredAt = at ?? At,
    };

    public static CommitmentChanged Changed(string commitmentId, string member, DateTimeOffset? at = null) => new()
    {
        CommitmentId = commitmentId, ActionPlanId = $"AP_{member}05", MemberCode = member, Title = "Introducing e-procurement", Version = 2, OccurredAt = at ?? At,
        Changes = [new FieldChange("IRM End of Term Completion", "Limited", "Substantial")],
        Current = new CommitmentSnapshot { Title = "Introducing e-procurement", MemberName = member == "BGR" ? "Bulgaria" : member, Url = $"https://www.opengovpartnership.org/members/x/commitments/{commitmentId}/" },
    };

    public static CommitmentTagged Tagged(string commitmentId, string member, string tag, string status) => new()
    {
        CommitmentId = commitmentId, MemberCode = member, Tag = tag, Status = status, Organisation = "OCP", OccurredAt = At,
    };
}


/// <summary>One aiosmtpd for a test class.</summary>
public sealed class SmtpFixture : IAsyncLifetime
{
    public SmtpSink Sink { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Sink = await SmtpSink.StartAsync();

    public ValueTask DisposeAsync() => Sink.DisposeAsync();
}
