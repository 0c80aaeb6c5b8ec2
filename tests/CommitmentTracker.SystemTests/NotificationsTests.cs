using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Refit;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// A commitment change imported through the gateway travels over RabbitMQ to Notifications, which emails the country
/// lead through a real SMTP server and calls a webhook whose receiver verifies the signature; the email's unsubscribe
/// link works through the gateway without credentials.
/// </summary>
[Collection(SharedDistributedSystem.Name)]
public sealed partial class NotificationsTests(DistributedSystem system)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "Country,Action Plan Number,Theme,Comm No,Commitment Title,Full Text,Start Date,End Date,Lead Institution,Supporting Institution(s)\r\n";

    [Fact]
    public async Task A_change_imported_through_the_gateway_reaches_the_country_lead_by_email_and_by_signed_webhook()
    {
        system.RequireRunning();
        var smtp = system.Smtp!;
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason); // under CI=true the fixture already failed instead
        }

        var admin = system.AdminApi;
        await ImportAsync(admin, "Open procurement data");
        // The plan's member reaches Notifications as an event; until then it is an unknown member there.
        await Eventually.UntilAsync(async () => (await admin.ListActivityAsync(member: "ROU", kind: "action-plan-imported", cancellationToken: Ct)).Total > 0,
            TimeSpan.FromSeconds(30), "Notifications to know Romania");

        var lead = await admin.CreateApiKeyAsync(new CreateApiKeyRequest("Romania lead", ["country-lead"], null, ["ROU"], null), Ct);
        var leadApi = CommitmentTrackerClient.Create(system.GatewayAddress, lead.Secret);
        using var receiver = new WebhookReceiver();
        var address = $"ro-lead-{Guid.NewGuid():N}@example.org";
        var created = await leadApi.CreateSubscriptionAsync(new CreateSubscriptionRequest(
            "Romania", ["ROU"], null, ["commitment-changed"], ["email", "webhook", "feed"], address, receiver.Url, null, null, null, null), Ct);
        receiver.Secret = created.WebhookSecret;
        var outOfScope = await Assert.ThrowsAsync<ValidationApiException>(() => leadApi.CreateSubscriptionAsync(
            new CreateSubscriptionRequest(null, ["BGR"], null, null, ["feed"], null, null, null, null, null, null), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, outOfScope.StatusCode);

        await ImportAsync(admin, "Open procurement data for everyone");

        var call = await Eventually.GetAsync(() => Task.FromResult(receiver.Received.FirstOrDefault()), c => c is not null, TimeSpan.FromSeconds(30), "the webhook call");
        Assert.True(call!.Valid, "the receiver verifies the signature with the secret shown at creation");
        var body = JsonSerializer.Deserialize<WebhookBody>(call.Body, JsonSerializerOptions.Web)!;
        Assert.Equal(("commitment-changed", "ROU"), (body.Kind, body.Event!.MemberCode));
        Assert.StartsWith("EX-ROU-03", body.Event.CommitmentId, StringComparison.Ordinal);
        Assert.Contains(body.Event.Changes, c => c.Before == "Open procurement data" && c.After == "Open procurement data for everyone");

        var email = await Eventually.GetAsync(() => Task.FromResult(smtp.Messages().FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address))),
            m => m is not null, TimeSpan.FromSeconds(30), "the email");
        Assert.Contains("Open procurement data for everyone", email!.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open procurement data for everyone", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"http://tracker.test/api/commitments/{body.Event.CommitmentId}", email.TextBody, StringComparison.Ordinal);

        var deliveries = await leadApi.ListDeliveriesAsync(subscription: created.Subscription.Id, cancellationToken: Ct);
        Assert.Equal(["sent", "sent"], deliveries.Items.Select(d => d.Status));
        Assert.Equal(1, (await leadApi.ListNotificationsAsync(unread: true, cancellationToken: Ct)).Total);

        // The unsubscribe link works through the gateway with no key at all.
        var link = new Uri(UnsubscribeLink().Match(email.TextBody!).Value);
        using var anonymous = system.CreateHttpClient(apiKey: null);
        using var page = await anonymous.GetAsync(link.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var unsubscribed = await anonymous.PostAsync(link.PathAndQuery, null, Ct);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.False((await unsubscribed.Content.ReadFromJsonAsync<UnsubscribeResponse>(Ct))!.Active);
        using var anonymousList = await anonymous.GetAsync("/api/subscriptions", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
    }

    private static async Task ImportAsync(ICommitmentTrackerApi api, string title)
    {
        var csv = Header + $"Romania,3,Public Procurement,7,{title},Publish procurement data,1/1/2017,31/12/2018,Agency for Public Procurement,NA\r\n";
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var accepted = await api.StartImportAsync(new StreamPart(file, "romania.csv", "text/csv"), cancellationToken: Ct);
        var job = await Eventually.GetAsync(() => api.GetImportAsync(accepted.Id, Ct), j => j.Status is not ("queued" or "running"), TimeSpan.FromSeconds(60), "the import to end");
        Assert.Equal("succeeded", job.Status);
    }

    [GeneratedRegex(@"http://tracker\.test/api/unsubscribe\?token=[^\s]+")]
    private static partial Regex UnsubscribeLink();
}
