using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Notifications.Delivery;
using CommitmentTracker.Testing;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>Webhook targets on internal addresses are refused when subscribing and when connecting, unless allow-listed.</summary>
public sealed class SsrfTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebhookAddressGuard Guard(params string[] allowList)
    {
        var options = new NotificationsOptions();
        foreach (var entry in allowList)
        {
            options.Webhooks.AllowList.Add(entry);
        }

        return new WebhookAddressGuard(Options.Create(options));
    }

    public static TheoryData<string> InternalUrls => new()
    {
        "http://127.0.0.1/hook",
        "http://127.1.2.3:8080/hook",
        "http://localhost/hook",
        "http://2130706433/hook",                // 127.0.0.1 as one decimal number
        "http://0x7f000001/hook",                // and in hex
        "http://0.0.0.0/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://172.31.255.254/hook",
        "http://192.168.1.1/hook",
        "http://100.64.0.1/hook",                // CGNAT
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.1.1/hook",
        "http://224.0.0.1/hook",
        "http://255.255.255.255/hook",
        "http://[::1]/hook",
        "http://[::]/hook",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[fc00::1]/hook",
        "http://[fe80::1]/hook",
        "http://[ff02::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",        // IPv4-mapped loopback
        "http://[::ffff:169.254.169.254]/hook",  // IPv4-mapped metadata
        "http://[::ffff:10.0.0.1]/hook",
        "http://[::127.0.0.1]/hook",             // IPv4-compatible loopback
        "http://[64:ff9b::a9fe:a9fe]/hook",      // NAT64 of the metadata address
        "http://[2002:7f00:1::]/hook",           // 6to4 of loopback
    };

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task An_internal_target_is_refused_when_subscribing(string url)
    {
        Assert.NotNull(await Guard().RefusalAsync(url, Ct));
    }

    [Fact]
    public async Task A_refusal_never_tells_what_a_name_resolves_to_or_whether_it_resolves()
    {
        var internalName = await Guard().RefusalAsync("http://localhost:9000/hook", Ct);
        var unknownName = await Guard().RefusalAsync("http://no-such-host.invalid/hook", Ct);

        Assert.NotNull(internalName);
        Assert.DoesNotContain("127.0.0.1", internalName, StringComparison.Ordinal);
        Assert.DoesNotContain("::1", internalName, StringComparison.Ordinal);
        Assert.Equal(internalName.Replace("localhost", "HOST", StringComparison.Ordinal), unknownName?.Replace("no-such-host.invalid", "HOST", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://203.0.113.10/hook")]
    [InlineData("http://198.51.100.7:8443/hook")]
    [InlineData("https://[2001:db8::10]/hook")]
    [InlineData("http://8.8.8.8/hook")]
    public async Task A_public_address_is_accepted(string url)
    {
        Assert.Null(await Guard().RefusalAsync(url, Ct));
    }

    [Theory]
    [InlineData("ftp://203.0.113.10/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:pass@203.0.113.10/hook")]
    public async Task Only_plain_http_and_https_urls_are_accepted(string url)
    {
        Assert.NotNull(await Guard().RefusalAsync(url, Ct));
    }

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:9000/hook")]
    [InlineData("10.0.0.0/8", "http://10.20.30.40/hook")]
    [InlineData("localhost", "http://localhost:9000/hook")]
    [InlineData("fd00::/8", "http://[fd12::1]/hook")]
    public async Task An_admin_allow_list_lets_chosen_internal_targets_through(string entry, string url)
    {
        Assert.Null(await Guard(entry).RefusalAsync(url, Ct));
        Assert.NotNull(await Guard("192.0.2.1").RefusalAsync(url, Ct));
    }

    [Fact]
    public async Task At_send_time_the_connection_itself_is_refused_when_the_name_resolves_inside()
    {
        // A name that passed the check once could resolve to loopback later (DNS rebinding): the connect step checks again.
        using var receiver = new WebhookReceiver();
        using var handler = new SocketsHttpHandler { ConnectCallback = Guard().ConnectAsync, UseProxy = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{receiver.Port}/hook", Ct));
        Assert.Contains("internal addresses", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);

        using var allowedHandler = new SocketsHttpHandler { ConnectCallback = Guard("localhost").ConnectAsync, UseProxy = false };
        using var allowed = new HttpClient(allowedHandler);
        // The listener only answers its own host name; the connection still goes to "localhost" as resolved and checked.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{receiver.Port}/hook") { Headers = { Host = $"127.0.0.1:{receiver.Port}" } };
        using var response = await allowed.SendAsync(request, Ct);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task The_endpoint_refuses_an_internal_webhook_with_a_400_naming_webhookUrl()
    {
        await using var factory = new NotificationsFactory(settings: new Dictionary<string, string?> { ["Notifications:Webhooks:AllowList:0"] = "192.0.2.1" });
        await factory.KnowAsync(["BGR"]);
        using var admin = factory.CreateAdminClient();

        using var metadata = await admin.PostAsJsonAsync("/api/subscriptions", new { channels = new[] { "webhook" }, webhookUrl = "http://169.254.169.254/latest/meta-data/" }, Ct);
        using var loopback = await admin.PostAsJsonAsync("/api/subscriptions", new { channels = new[] { "webhook" }, webhookUrl = "http://[::ffff:127.0.0.1]:8080/" }, Ct);

        Assert.Equal(["webhookUrl"], await ProblemAssert.ValidationErrorsAsync(metadata));
        Assert.Equal(["webhookUrl"], await ProblemAssert.ValidationErrorsAsync(loopback));
    }

    [Fact]
    public void IPv4_inside_IPv6_is_unwrapped_before_the_check()
    {
        Assert.Equal(IPAddress.Parse("169.254.169.254"), WebhookAddressGuard.Unwrap(IPAddress.Parse("::ffff:169.254.169.254")));
        Assert.Equal(IPAddress.Parse("127.0.0.1"), WebhookAddressGuard.Unwrap(IPAddress.Parse("::127.0.0.1")));
        Assert.Equal(IPAddress.IPv6Loopback, WebhookAddressGuard.Unwrap(IPAddress.IPv6Loopback));
    }
}
