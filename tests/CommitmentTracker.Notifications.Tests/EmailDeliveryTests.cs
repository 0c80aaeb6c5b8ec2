using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>Email through a real SMTP server (aiosmtpd on loopback): the message's parts, links, and its unsubscribe link.</summary>
public sealed partial class EmailDeliveryTests(SmtpFixture fixture) : IClassFixture<SmtpFixture>, IAsyncLifetime
{
    private SmtpSink Smtp => fixture.Sink;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NotificationsFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        factory = new NotificationsFactory(smtpPort: Smtp.Unavailable is null ? Smtp.Port : 2525);
        await factory.KnowAsync(["BGR"]);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_change_arrives_as_text_and_html_with_before_after_links_and_a_working_unsubscribe_link()
    {
        Smtp.RequireAvailable();
        var address = $"lead-{Guid.NewGuid():N}@example.org";
        using var lead = factory.Lead("lead-bgr", "BGR");
        var subscription = (await factory.SubscribeAsync(lead, new { name = "Bulgaria", members = new[] { "BGR" }, channels = new[] { "email" }, email = address })).Subscription;

        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));

        await factory.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "sent"), "the email to be sent");
        var message = Assert.Single(Smtp.Messages(), m => m.To.Mailboxes.Any(b => b.Address == address));
        Assert.Equal("[Commitment Tracker] Commitment changed: BG0039", message.Subject);
        Assert.Equal("alerts@tracker.example.org", message.From.Mailboxes.Single().Address);
        foreach (var part in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.NotNull(part);
            Assert.Contains("IRM End of Term Completion", part, StringComparison.Ordinal);
            Assert.Contains("Limited", part, StringComparison.Ordinal);
            Assert.Contains("Substantial", part, StringComparison.Ordinal);
            Assert.Contains("https://www.opengovpartnership.org/members/x/commitments/BG0039/", part, StringComparison.Ordinal);
            Assert.Contains("https://tracker.example.org/api/commitments/BG0039", part, StringComparison.Ordinal);
        }

        Assert.Contains("<table", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Limited -> Substantial", message.TextBody, StringComparison.Ordinal);

        // The link works without any credentials: the page, then the button's POST.
        var link = UnsubscribeLink().Match(message.TextBody!).Value;
        Assert.StartsWith("https://tracker.example.org/api/unsubscribe?token=", link, StringComparison.Ordinal);
        Assert.Equal($"<{link}>", message.Headers["List-Unsubscribe"]);
        var pathAndQuery = new Uri(link).PathAndQuery;
        using var anonymous = factory.CreateClient();
        using var page = await anonymous.GetAsync(pathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        await anonymous.PostAsync(pathAndQuery[..^2] + "xx", null, Ct).ProblemAsync(HttpStatusCode.BadRequest);
        var unsubscribed = await anonymous.PostAsync(pathAndQuery, null, Ct).OkAsync<UnsubscribeResponse>();
        Assert.Equal((subscription.Id, false), (unsubscribed.SubscriptionId, unsubscribed.Active));

        var after = await lead.GetFromJsonAsync<SubscriptionResponse>($"/api/subscriptions/{subscription.Id}", Ct);
        Assert.False(after!.Active);
        await factory.PublishAsync(Events.Changed("BG0040", "BGR"));
        Assert.Single(await factory.DeliveriesAsync(subscription.Id)); // an inactive subscription hears nothing more
    }

    [Fact]
    public async Task An_unreachable_smtp_server_leaves_the_email_failed_and_visible_then_dead()
    {
        Smtp.RequireAvailable();
        await using var broken = new NotificationsFactory(smtpPort: LocalDistributedSystem.FreePort());
        await broken.KnowAsync(["BGR"]);
        using var lead = broken.Lead("lead-bgr", "BGR");
        var subscription = (await broken.SubscribeAsync(lead, new { members = new[] { "BGR" }, channels = new[] { "email" }, email = "lead@example.org" })).Subscription;

        await broken.PublishAsync(Events.Changed("BG0039", "BGR"));

        var dead = Assert.Single(await broken.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Status == "dead"), "the email to be dead"));
        Assert.Equal(3, dead.Attempts);
        Assert.False(string.IsNullOrEmpty(dead.LastError));
    }

    [Fact]
    public async Task A_digest_email_groups_the_days_changes_by_member()
    {
        Smtp.RequireAvailable();
        var time = new ManualTime(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        await using var digests = new NotificationsFactory(smtpPort: Smtp.Port, time: time);
        await digests.KnowAsync(["BGR", "ROU"]);
        var address = $"digest-{Guid.NewGuid():N}@example.org";
        using var lead = digests.Lead("lead", "BGR", "ROU");
        var subscription = (await digests.SubscribeAsync(lead, new
        {
            members = new[] { "BGR", "ROU" }, channels = new[] { "email" }, email = address, frequency = "daily", digestHour = 8, timeZone = "Europe/Sofia",
        })).Subscription;
        await digests.PublishAsync(Events.Changed("RO0012", "ROU", time.GetUtcNow()));
        await digests.PublishAsync(Events.Changed("BG0039", "BGR", time.GetUtcNow()));
        await digests.PublishAsync(Events.Changed("BG0040", "BGR", time.GetUtcNow()));

        time.Set(subscription.NextDigestAt!.Value.AddMinutes(1));
        // This call or the delivery worker's (it polls every 100 ms here) builds the digest: the claim lets only one.
        await digests.Services.GetRequiredService<Delivery.DigestBuilder>().BuildDueAsync(Ct);

        await digests.DeliveriesWhenAsync(subscription.Id, d => d.Any(x => x.Kind == "digest" && x.Status == "sent"), "the digest email");
        var message = Assert.Single(Smtp.Messages(), m => m.To.Mailboxes.Any(b => b.Address == address));
        Assert.Contains("3 change(s)", message.Subject, StringComparison.Ordinal);
        var text = message.TextBody!;
        var bulgaria = text.IndexOf("Bulgaria (BGR)", StringComparison.Ordinal);
        var romania = text.IndexOf("ROU (ROU)", StringComparison.Ordinal);
        Assert.True(bulgaria >= 0 && romania > bulgaria, text);
        Assert.True(text.IndexOf("BG0039", StringComparison.Ordinal) is var bg39 && bg39 > bulgaria && bg39 < romania, text);
        Assert.True(text.IndexOf("BG0040", StringComparison.Ordinal) is var bg40 && bg40 > bulgaria && bg40 < romania, text);
        Assert.True(text.IndexOf("RO0012", StringComparison.Ordinal) > romania, text);
        Assert.Contains("<h2>Bulgaria (BGR)</h2>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/api/unsubscribe?token=", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("0193a6f42e517d9fb3c67a1f0e4d8c21.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_missing_or_forged_token_is_a_400(string token)
    {
        using var anonymous = factory.CreateClient();

        using var get = await anonymous.GetAsync($"/api/unsubscribe?token={token}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        await anonymous.PostAsync($"/api/unsubscribe?token={token}", null, Ct).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [GeneratedRegex(@"https://tracker\.example\.org/api/unsubscribe\?token=[^\s]+")]
    private static partial Regex UnsubscribeLink();
}
