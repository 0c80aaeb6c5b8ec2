using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>Webhooks end to end in process: fan-out, signed calls a receiver verifies, retries, dead letters, disabling, replay.</summary>
public class WebhookDeliveryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly NotificationsFactory factory;
    private readonly WebhookReceiver receiver = new();

    public WebhookDeliveryTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected WebhookDeliveryTests(TestDatabase database) => factory = new(database: database);

    public async ValueTask InitializeAsync() => await factory.KnowAsync(["BGR", "GBR"]);

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        receiver.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<SubscriptionResponse> SubscribeWebhookAsync(string[]? members = null)
    {
        using var lead = factory.Lead("lead-bgr", "BGR");
        var created = await factory.SubscribeAsync(lead, new { name = "hook", members = members ?? ["BGR"], channels = new[] { "webhook" }, webhookUrl = receiver.Url });
        receiver.Secret = created.WebhookSecret;
        return created.Subscription;
    }

    [Fact]
    public async Task A_commitment_change_reaches_the_webhook_signed_with_the_subscription_secret()
    {
        var subscription = await SubscribeWebhookAsync();

        var messageId = await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        var deliveries = await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "sent"), "the webhook to be sent");
        var call = Assert.Single(receiver.Received);
        Assert.True(call.Valid, "the receiver verifies the signature");
        Assert.Equal("commitment-changed", call.Event);
        var body = JsonSerializer.Deserialize<WebhookBody>(call.Body, JsonSerializerOptions.Web)!;
        Assert.Equal((deliveries[0].Id, messageId, subscription.Id, "commitment-changed"), (body.DeliveryId, body.EventId, body.SubscriptionId, body.Kind));
        Assert.Equal(("BG0039", "https://www.opengovpartnership.org/members/x/commitments/BG0039/", "https://tracker.example.org/api/commitments/BG0039"),
            (body.Event!.CommitmentId, body.Event.OgpUrl, body.Event.TrackerUrl));
        Assert.Equal([new NotificationChange("IRM End of Term Completion", "Limited", "Substantial")], body.Event.Changes);
        Assert.InRange(long.Parse(call.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_redelivered_event_makes_one_notification_and_one_call()
    {
        var subscription = await SubscribeWebhookAsync();
        var messageId = Guid.NewGuid();

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"), messageId);
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"), messageId);
        await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "sent"), "the webhook to be sent");
        await Task.Delay(500, Ct); // several polling rounds: a second delivery would have gone out by now

        Assert.Single(await factory.DeliveriesAsync(subscription.Id));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task The_unique_key_refuses_a_second_notification_of_one_event_subscription_and_channel()
    {
        var subscription = await SubscribeWebhookAsync();
        var messageId = await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        var duplicate = factory.QueryAsync(async db =>
        {
            db.Notifications.Add(new Data.Notification
            {
                MessageId = messageId, SubscriptionId = subscription.Id, Channel = Channels.Webhook, Kind = "commitment-changed", Payload = "{}", Status = DeliveryStatus.Pending, CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync(Ct);
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => duplicate);
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_until_it_succeeds_and_every_attempt_is_visible()
    {
        var subscription = await SubscribeWebhookAsync();
        receiver.AnswerNext(503, 500);

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        var delivery = Assert.Single(await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "sent"), "the webhook to succeed on the third try"));
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal([503, 500, 200], receiver.Received.Select(r => r.Status));
        Assert.All(receiver.Received, r => Assert.True(r.Valid));
    }

    [Fact]
    public async Task A_delivery_that_fails_every_retry_is_dead_and_an_admin_replays_it()
    {
        var subscription = await SubscribeWebhookAsync();
        receiver.AnswerNext(500, 500, 500);

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));
        var dead = Assert.Single(await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "dead"), "the delivery to be dead"));
        Assert.Equal(3, dead.Attempts); // the first try and one retry per configured delay
        Assert.Contains("500", dead.LastError, StringComparison.Ordinal);

        using var lead = factory.Lead("lead-bgr", "BGR");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsync($"/api/deliveries/{dead.Id}/replay", null, Ct)).StatusCode);
        using var admin = factory.CreateAdminClient();
        await admin.PostAsync($"/api/deliveries/{dead.Id}/replay", null, Ct).OkAsync<DeliveryResponse>(HttpStatusCode.Accepted);

        var sent = Assert.Single(await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "sent"), "the replay to be sent"));
        Assert.Equal((1, null), (sent.Attempts, sent.LastError));
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task After_repeated_failures_the_webhook_is_disabled_until_its_owner_enables_it_again()
    {
        var subscription = await SubscribeWebhookAsync();
        receiver.AnswerNext(Enumerable.Repeat(500, 6).ToArray());
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));
        await factory.PublishAsync(Events.Changed("BG0040", "BGR"));
        using var lead = factory.Lead("lead-bgr", "BGR");

        // 5 failures in a row (FailuresBeforeDisable) switch the webhook off; then no call goes out, however many are due.
        var disabled = await Testing.Eventually.GetAsync(
            () => lead.GetFromJsonAsync<SubscriptionResponse>($"/api/subscriptions/{subscription.Id}", Ct)!, s => s!.WebhookEnabled == false, TimeSpan.FromSeconds(20), "the webhook to be disabled");
        Assert.InRange(disabled!.WebhookConsecutiveFailures, 5, 6);
        var calls = receiver.Received.Count;
        await Task.Delay(600, Ct);
        Assert.Equal(calls, receiver.Received.Count);

        await lead.PatchAsJsonAsync($"/api/subscriptions/{subscription.Id}", new { webhookEnabled = true }, Ct).OkAsync<SubscriptionWithSecretResponse>();
        await factory.PublishAsync(Events.Changed("BG0041", "BGR"));
        var after = await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "sent"), "a delivery after re-enabling");
        Assert.Contains(after, d => d.Status == "sent");
        var reenabled = await lead.GetFromJsonAsync<SubscriptionResponse>($"/api/subscriptions/{subscription.Id}", Ct);
        Assert.True(reenabled!.WebhookEnabled);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        var subscription = await SubscribeWebhookAsync();
        receiver.AnswerNext(302, 302, 302);

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        var dead = Assert.Single(await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "dead"), "the redirected delivery to die"));
        Assert.Contains("302", dead.LastError, StringComparison.Ordinal);
        Assert.All(receiver.Received, r => Assert.Equal(302, r.Status)); // never a call to /elsewhere
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task An_attempt_that_outlasts_the_webhook_timeout_fails_once_and_is_left_to_the_delivery_schedule()
    {
        // A receiver that accepts connections and never answers.
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var connections = new System.Collections.Concurrent.ConcurrentBag<System.Net.Sockets.TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    connections.Add(await silent.AcceptTcpClientAsync(Ct));
                }
            }
            catch (Exception exception) when (exception is System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The listener stopped at the end of the test.
            }
        }, Ct);
        await using var slow = new NotificationsFactory(settings: new Dictionary<string, string?> { ["Notifications:Webhooks:Timeout"] = "00:00:01" });
        await slow.KnowAsync(["BGR"]);
        using var lead = slow.Lead("lead-bgr", "BGR");
        var subscription = (await slow.SubscribeAsync(lead, new { members = new[] { "BGR" }, channels = new[] { "webhook" }, webhookUrl = $"http://127.0.0.1:{port}/hook" })).Subscription;

        await slow.PublishAsync(Events.Changed("BG0039", "BGR"));

        var dead = Assert.Single(await slow.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "dead"), "the unanswered delivery to die"));
        Assert.Equal(3, dead.Attempts);
        Assert.StartsWith("TimeoutRejectedException:", dead.LastError, StringComparison.Ordinal);
        // One call per attempt: the client itself never retries.
        Assert.Equal(3, connections.Count);
        silent.Stop();
        await accepting;
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
    }

    [Fact]
    public async Task A_test_sends_a_sample_on_every_channel()
    {
        using var lead = factory.Lead("lead-bgr", "BGR");
        var created = await factory.SubscribeAsync(lead, new { members = new[] { "BGR" }, channels = new[] { "webhook", "feed" }, webhookUrl = receiver.Url });
        receiver.Secret = created.WebhookSecret;

        var queued = await lead.PostAsync($"/api/subscriptions/{created.Subscription.Id}/test", null, Ct).OkAsync<TestSubscriptionResponse>(HttpStatusCode.Accepted);

        Assert.Equal(["webhook", "feed"], queued.Deliveries.Select(d => d.Channel));
        await factory.DeliveriesWhenAsync(created.Subscription.Id, d => d.Any(x => x.Status == "sent"), "the test webhook");
        Assert.Equal("test", Assert.Single(receiver.Received).Event);
        Assert.Equal("test", Assert.Single((await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Items).Content.Kind);
    }

    [Fact]
    public async Task Delivery_filters_are_validated()
    {
        using var admin = factory.CreateAdminClient();

        using var status = await admin.GetAsync("/api/deliveries?status=lost", Ct);
        using var channel = await admin.GetAsync("/api/deliveries?channel=feed", Ct);

        Assert.Equal(["status"], await Testing.ProblemAssert.ValidationErrorsAsync(status));
        Assert.Equal(["channel"], await Testing.ProblemAssert.ValidationErrorsAsync(channel));
    }
}

/// <summary>The same tests with every database on PostgreSQL (a private server: <see cref="PostgresServer"/>).</summary>
public sealed class WebhookDeliveryOnPostgresTests() : WebhookDeliveryTests(TestDatabase.Postgres);
