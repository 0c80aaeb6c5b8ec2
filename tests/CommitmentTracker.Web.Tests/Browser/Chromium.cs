using CommitmentTracker.Testing;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>
/// Debian's chromium driven by Playwright (its own browser download cannot be reached here). Missing, the browser tests
/// skip locally and fail under CI=true, where tests/run.sh has installed it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public string? SkipReason { get; private set; }

    public IBrowser Browser => browser ?? throw new InvalidOperationException(SkipReason);

    /// <summary>Where screenshots go: the run's results folder (tests/run.sh sets CT_TEST_RESULTS), else TestResults/ of the checkout.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(
        Environment.GetEnvironmentVariable("CT_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(Repository.Root, "TestResults"),
        "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            SkipReason = $"{ExecutablePath} is missing: apt-get install chromium (tests/run.sh installs it).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true: the browser tests need their browser. " + SkipReason);
            }

            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments });
    }

    /// <summary>Skips the calling test when the browser is missing (never under CI: there the fixture already failed).</summary>
    public void Require()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>A fresh browser profile (cookies, language) for one person.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string locale = "en-GB", bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
