using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace CommitmentTracker.Testing;

/// <summary>
/// A webhook receiver on loopback that verifies each call's signature with the subscription's secret,
/// as a real receiver must. It answers with the queued status codes first, then 200.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly ConcurrentQueue<int> answers = new();
    private readonly LoopbackHttpServer server;

    public WebhookReceiver() => server = new LoopbackHttpServer(AnswerAsync);

    public int Port => server.Port;

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

    /// <summary>Secrets by request path, for several subscriptions calling one receiver (<c>/hook/a</c>, <c>/hook/b</c>); others use <see cref="Secret"/>.</summary>
    public ConcurrentDictionary<string, string> SecretsByPath { get; } = new(StringComparer.Ordinal);

    public string UrlFor(string name) => $"http://127.0.0.1:{Port}/hook/{name}";

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = context.Request.Headers["X-Tracker-Timestamp"] ?? string.Empty;
        var signature = context.Request.Headers["X-Tracker-Signature"] ?? string.Empty;
        var secret = SecretsByPath.TryGetValue(context.Request.Url?.AbsolutePath ?? string.Empty, out var byPath) ? byPath : Secret;
        var valid = secret is not null && signature == Expected(secret, timestamp, body);
        var status = answers.TryDequeue(out var queued) ? queued : valid ? 200 : 401;
        Received.Enqueue(new ReceivedWebhook(body, timestamp, signature, valid, status, context.Request.Headers["X-Tracker-Event"], Stopwatch.GetTimestamp()));
        context.Response.StatusCode = status;
        if (status is 301 or 302 or 307 or 308)
        {
            context.Response.Headers["Location"] = $"http://127.0.0.1:{Port}/elsewhere";
        }
    }

    /// <summary>The receiver's own computation, written from the documented rule rather than with the service's code.</summary>
    private static string Expected(string secret, string timestamp, string body)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant();
    }

    public void Dispose() => server.Dispose();
}

/// <param name="At">When it arrived, as a <see cref="Stopwatch"/> timestamp.</param>
public sealed record ReceivedWebhook(string Body, string Timestamp, string Signature, bool Valid, int Status, string? Event, long At);

/// <summary>
/// A real SMTP server for the email tests: Debian's python3-aiosmtpd on loopback, writing every message it receives
/// into a Maildir. Missing aiosmtpd skips the email tests locally and fails them under CI=true.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private Process? process;

    public int Port { get; private set; }

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "ct-smtp-" + Guid.NewGuid().ToString("N"));

    public string? Unavailable { get; private set; }

    /// <summary>Starts aiosmtpd on a free loopback port, or returns a sink whose <see cref="Unavailable"/> says why it cannot.</summary>
    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink();
        await sink.InitializeAsync();
        return sink;
    }

    private async Task InitializeAsync()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
        {
            Unavailable = "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd).";
            return;
        }

        Port = LocalDistributedSystem.FreePort();
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

    /// <summary>Under CI=true a missing aiosmtpd is an error, not a reason to skip.</summary>
    public void ThrowIfUnavailableUnderCi()
    {
        if (Unavailable is not null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true: the email tests need their SMTP server. " + Unavailable);
        }
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
