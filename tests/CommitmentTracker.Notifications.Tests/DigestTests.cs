using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>A daily digest built from a day of events, grouped by member, at the subscriber's hour in its time zone.</summary>
public sealed class DigestTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Monday 2 November 2026, 10:00 in Sofia (UTC+2).
    private readonly ManualTime time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly WebhookReceiver receiver = new();
    private NotificationsFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        factory = new NotificationsFactory(time: time);
        await factory.KnowAsync(["BGR", "ROU", "GBR"]);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        receiver.Dispose();
    }

    [Fact]
    public async Task A_day_of_events_becomes_one_digest_per_channel_grouped_by_member_at_the_subscribers_hour()
    {
        using var lead = factory.Lead("lead", "BGR", "ROU");
        var created = await factory.SubscribeAsync(lead, new
        {
            members = new[] { "BGR", "ROU" }, channels = new[] { "webhook", "feed" }, webhookUrl = receiver.Url, frequency = "daily", digestHour = 8, timeZone = "Europe/Sofia",
        });
        receiver.Secret = created.WebhookSecret;
        var subscription = created.Subscription;
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero), subscription.NextDigestAt); // 08:00 Sofia next morning

        // A day of events: three for Bulgaria, one for Romania, one for a member not followed.
        var start = time.GetUtcNow();
        foreach (var (commitment, member, hours) in new[] { ("BG0039", "BGR", 1), ("RO0012", "ROU", 3), ("BG0040", "BGR", 6), ("UK0098", "GBR", 7), ("BG0041", "BGR", 12) })
        {
            time.Set(start.AddHours(hours));
            await factory.PublishAsync(Events.Changed(commitment, member, time.GetUtcNow()));
        }

        var queued = await factory.DeliveriesAsync(subscription.Id);
        Assert.Equal(4, queued.Count);
        Assert.All(queued, d => Assert.Equal("queued", d.Status));
        // The feed does not wait for the digest.
        Assert.Equal(4, (await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Total);

        var digests = factory.Services.GetRequiredService<DigestBuilder>();
        time.Set(new DateTimeOffset(2026, 11, 3, 5, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await digests.BuildDueAsync(Ct));

        time.Set(new DateTimeOffset(2026, 11, 3, 6, 0, 30, TimeSpan.Zero));
        // This call or the delivery worker's (it polls every 100 ms here) builds the digest: the claim lets only one.
        await digests.BuildDueAsync(Ct);
        Assert.Equal(0, await digests.BuildDueAsync(Ct)); // once per period, however often the worker looks

        var deliveries = await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Kind == "digest" && x.Status == "sent"), "the digest to be sent");
        Assert.Equal(4, deliveries.Count(d => d.Status == "digested"));
        var call = Assert.Single(receiver.Received);
        Assert.True(call.Valid);
        var digest = JsonSerializer.Deserialize<WebhookBody>(call.Body, JsonSerializerOptions.Web)!.Digest!;
        Assert.Equal([("BGR", new[] { "BG0039", "BG0040", "BG0041" }), ("ROU", new[] { "RO0012" })],
            digest.Members.Select(m => (m.MemberCode, m.Changes.Select(c => c.CommitmentId!).ToArray())).ToList(), new GroupComparer());
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero), digest.To);

        var after = await lead.GetFromJsonAsync<SubscriptionResponse>($"/api/subscriptions/{subscription.Id}", Ct);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 6, 0, 0, TimeSpan.Zero), after!.NextDigestAt);
    }

    [Fact]
    public async Task Switching_a_digest_to_immediate_sends_what_was_queued_at_once()
    {
        using var lead = factory.Lead("lead", "BGR");
        var created = await factory.SubscribeAsync(lead, new { members = new[] { "BGR" }, channels = new[] { "webhook" }, webhookUrl = receiver.Url, frequency = "weekly", digestHour = 8, digestDay = "friday", timeZone = "Europe/Sofia" });
        receiver.Secret = created.WebhookSecret;
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));
        Assert.Equal("queued", Assert.Single(await factory.DeliveriesAsync(created.Subscription.Id)).Status);

        var patched = await lead.PatchAsJsonAsync($"/api/subscriptions/{created.Subscription.Id}", new { frequency = "immediate" }, Ct).OkAsync<SubscriptionWithSecretResponse>();

        Assert.Null(patched.Subscription.NextDigestAt);
        var sent = Assert.Single(await factory.DeliveriesWhenAsync(created.Subscription.Id, d => d.Any(x => x.Status == "sent"), "the queued change to go out"));
        Assert.Equal("commitment-changed", sent.Kind);
        Assert.True(Assert.Single(receiver.Received).Valid);
    }

    [Fact]
    public void Digest_times_follow_the_time_zone_across_a_clock_change()
    {
        var sofia = TimeZoneInfo.FindSystemTimeZoneById("Europe/Sofia");

        // Summer (UTC+3) then winter (UTC+2): clocks went back on 25 October 2026.
        Assert.Equal(new DateTime(2026, 10, 24, 5, 0, 0, DateTimeKind.Utc), DigestSchedule.Next(new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero), Frequencies.Daily, 8, null, sofia));
        Assert.Equal(new DateTime(2026, 10, 26, 6, 0, 0, DateTimeKind.Utc), DigestSchedule.Next(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero), Frequencies.Daily, 8, null, sofia));
        // Weekly on Friday at 17:00.
        Assert.Equal(new DateTime(2026, 11, 6, 15, 0, 0, DateTimeKind.Utc), DigestSchedule.Next(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero), Frequencies.Weekly, 17, DayOfWeek.Friday, sofia));
        // An hour the clock skips (03:00 on 29 March 2026 in Sofia) happens an hour later.
        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), DigestSchedule.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), Frequencies.Daily, 3, null, sofia));
    }

    private sealed class GroupComparer : IEqualityComparer<(string, string[])>
    {
        public bool Equals((string, string[]) x, (string, string[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((string, string[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
