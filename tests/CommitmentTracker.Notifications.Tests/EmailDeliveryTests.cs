using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

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
        using var tampered = await anonymous.PostAsync(pathAndQuery[..^2] + "xx", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        using var unsubscribe = await anonymous.PostAsync(pathAndQuery, null, Ct);
        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
        Assert.Equal((subscription.Id, false), ((await unsubscribe.Content.ReadFromJsonAsync<UnsubscribeResponse>(Ct))!.SubscriptionId, false));

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

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("0193a6f42e517d9fb3c67a1f0e4d8c21.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_missing_or_forged_token_is_a_400(string token)
    {
        using var anonymous = factory.CreateClient();

        using var get = await anonymous.GetAsync($"/api/unsubscribe?token={token}", Ct);
        using var post = await anonymous.PostAsync($"/api/unsubscribe?token={token}", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@"https://tracker\.example\.org/api/unsubscribe\?token=[^\s]+")]
    private static partial Regex UnsubscribeLink();
}
