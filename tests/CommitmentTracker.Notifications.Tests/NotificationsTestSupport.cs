using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
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
internal sealed class NotificationsFactory(int? smtpPort = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    : ServiceFactory<Program>(Settings(smtpPort, settings), services =>
    {
        if (time is not null)
        {
            services.AddSingleton(time);
        }
    })
{
    public const string UnsubscribeKey = "test-unsubscribe-signing-key-0123456789abcdef";

    private static Dictionary<string, string?> Settings(int? smtpPort, IReadOnlyDictionary<string, string?>? extra)
    {
        var all = new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = "https://tracker.example.org/",
            ["Notifications:UnsubscribeSigningKey"] = UnsubscribeKey,
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

    /// <summary>A client authenticated as the gateway would forward the caller: key id, roles and member scope.</summary>
    public HttpClient As(string id, string[] roles, string[]? members = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange((members ?? []).Select(m => new Claim(TrackerClaims.Member, m)));
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(InternalToken.HeaderName, InternalToken.Create(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), TestKeys.InternalSigning, DateTime.UtcNow));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient Lead(string id = "lead-bgr", params string[] members) => As(id, [Roles.CountryLead], members.Length == 0 ? ["BGR"] : members);

    public HttpClient Reader(string id = "reader") => As(id, [Roles.Reader]);

    /// <summary>Publishes an event with a chosen message id and waits until the consumer finished with it.</summary>
    public async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        _ = Server;
        var bus = Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        var id = messageId ?? Guid.NewGuid();
        await bus.Publish(message, context => context.MessageId = id, TestContext.Current.CancellationToken);
        await watcher.WaitForAsync(id, 1);
        Assert.Empty(watcher.Faults);
        return id;
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

    public async Task<SubscriptionWithSecretResponse> SubscribeAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/subscriptions", request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<SubscriptionWithSecretResponse>(TestContext.Current.CancellationToken))!;
    }

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

/// <summary>
/// A webhook receiver on loopback (HttpListener) that verifies each call's signature with the subscription's secret,
/// as a real receiver must. It answers with the queued status codes first, then 200.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<int> answers = new();
    private readonly Task loop;

    public WebhookReceiver()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The subscription's secret; set once the subscription exists.</summary>
    public string? Secret { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            answers.Enqueue(status);
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var timestamp = context.Request.Headers[WebhookSignature.TimestampHeader] ?? string.Empty;
            var signature = context.Request.Headers[WebhookSignature.SignatureHeader] ?? string.Empty;
            var valid = Secret is not null && signature == Expected(Secret, timestamp, body);
            var status = answers.TryDequeue(out var queued) ? queued : valid ? 200 : 401;
            Received.Enqueue(new ReceivedWebhook(body, timestamp, signature, valid, status, context.Request.Headers[WebhookSignature.EventHeader]));
            context.Response.StatusCode = status;
            if (status is 301 or 302 or 307 or 308)
            {
                context.Response.Headers["Location"] = $"http://127.0.0.1:{Port}/elsewhere";
            }

            context.Response.Close();
        }
    }

    /// <summary>The receiver's own computation, written from the documented rule rather than with the service's code.</summary>
    private static string Expected(string secret, string timestamp, string body)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant();
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}

internal sealed record ReceivedWebhook(string Body, string Timestamp, string Signature, bool Valid, int Status, string? Event);

/// <summary>
/// A real SMTP server for the email tests: Debian's python3-aiosmtpd on loopback, writing every message it receives
/// into a Maildir. Missing aiosmtpd skips the email tests locally and fails them under CI=true.
/// </summary>
public sealed class SmtpSink : IAsyncLifetime
{
    private Process? process;

    public int Port { get; private set; }

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "ct-smtp-" + Guid.NewGuid().ToString("N"));

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
        {
            Unavailable = "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd).";
            return;
        }

        Port = WebhookReceiver.FreePort();
        process = Process.Start(new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDirectory])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        await Eventually.UntilAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15), "aiosmtpd to listen");
    }

    /// <summary>Skips the test when aiosmtpd is missing, except under CI where that is a failure.</summary>
    public void RequireAvailable()
    {
        if (Unavailable is null)
        {
            return;
        }

        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), Unavailable);
        Assert.Skip(Unavailable);
    }

    /// <summary>The messages received so far, parsed.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages()
    {
        var folder = Path.Combine(MailDirectory, "new");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))] : [];
    }

    public ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
