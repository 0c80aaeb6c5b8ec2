using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CommitmentTracker.Testing;
using CommitmentTracker.Web.Tests.Workspace;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommitmentTracker.Web.Tests.Browser;

/// <summary>
/// The embedded host with OpenID Connect sign-in against a real provider (panva/oidc-provider, started with node on
/// loopback from tests/CommitmentTracker.Web.Tests/OidcProvider, installed by tests/run.sh), and the API accepting that
/// provider's access tokens. Without node or the package the test skips locally and fails under CI=true.
/// </summary>
public sealed class OidcWorkspaceHost : WorkspaceHost
{
    public const string ClientId = "commitment-tracker-web";
    public const string Audience = "urn:commitment-tracker:api";
    public const string ProviderName = "Test provider";
    private static readonly string[] NodeLocations = ["/usr/bin/node", "/usr/local/bin/node"];
    private static readonly string ProviderFolder = Path.Combine(Repository.Root, "tests", "CommitmentTracker.Web.Tests", "OidcProvider");
    private readonly int port = LocalDistributedSystem.FreePort();
    private readonly int providerPort = LocalDistributedSystem.FreePort();
    private Process? provider;

    public string? SkipReason { get; private set; }

    private string Issuer => $"http://127.0.0.1:{providerPort}";

    protected override int Port => port;

    protected override bool ImportsSample => false;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Web:Oidc:Authority"] = Issuer,
        ["Web:Oidc:ClientId"] = ClientId,
        ["Web:Oidc:Resource"] = Audience,
        ["Web:Oidc:DisplayName"] = ProviderName,
        ["Web:Oidc:RequireHttpsMetadata"] = "false",
        ["Web:Oidc:Scopes:0"] = "tracker",
        ["Auth:Jwt:Authority"] = Issuer,
        ["Auth:Jwt:Audience"] = Audience,
    };

    // The provider speaks plain http on loopback; the API's bearer scheme would insist on https metadata otherwise.
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.RequireHttpsMetadata = false);
    }

    public override async ValueTask InitializeAsync()
    {
        var node = NodeLocations.FirstOrDefault(File.Exists);
        if (node is null || !Directory.Exists(Path.Combine(ProviderFolder, "node_modules", "oidc-provider")))
        {
            SkipReason = "node or the oidc-provider package is missing: npm ci --prefix tests/CommitmentTracker.Web.Tests/OidcProvider (tests/run.sh does it).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true: the OIDC test needs its provider. " + SkipReason);
            }

            return;
        }

        var start = new ProcessStartInfo(node, ["provider.mjs", providerPort.ToString(CultureInfo.InvariantCulture), $"http://127.0.0.1:{port}/signin-oidc", ClientId, Audience])
        {
            WorkingDirectory = ProviderFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        provider = Process.Start(start)!;
        provider.ErrorDataReceived += (_, _) => { };
        provider.BeginErrorReadLine();
        var ready = provider.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(30))) != ready || ready.Result?.Contains("listening", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"oidc-provider did not start on {Issuer}.");
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (provider is { HasExited: false })
        {
            provider.Kill(entireProcessTree: true);
            await provider.WaitForExitAsync();
        }

        provider?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class OidcWorkspace : ICollectionFixture<OidcWorkspaceHost>, ICollectionFixture<Chromium>
{
    public const string Name = "workspace with OpenID Connect";
}

[Collection(OidcWorkspace.Name)]
public sealed class OidcSignInTests(OidcWorkspaceHost host, Chromium chromium)
{
    [Fact]
    public async Task A_liaison_signs_in_with_the_provider_and_the_api_accepts_the_token_for_them()
    {
        chromium.Require();
        if (host.SkipReason is not null)
        {
            Assert.Skip(host.SkipReason);
        }

        await using var context = await chromium.NewContextAsync(host.Address);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/countries");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {OidcWorkspaceHost.ProviderName}" }).ClickAsync();

        // The provider's own login form (any password: its development interactions).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^http://127\\.0\\.0\\.1:\\d+/interaction/"));
        await page.Locator("input[name=login]").FillAsync("ocp-liaison");
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").First.ClickAsync();

        await page.WaitForURLAsync(new Regex($"^{Regex.Escape(host.Address.ToString().TrimEnd('/'))}/(countries|signin)"));
        Assert.True(page.Url.EndsWith("/countries", StringComparison.Ordinal), $"Back at {page.Url}. The host said:\n" + string.Join("\n", host.Log.Entries));
        await Assertions.Expect(page.Locator(".person-name")).ToHaveTextAsync("Olga OCP liaison");
        await Assertions.Expect(page.Locator(".person-role")).ToHaveTextAsync("Liaison · OCP");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Countries and localities"); // read from the API with the bearer token
        await PageChecks.ScreenshotAsync(page, "oidc-signed-in");

        var cookies = await context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name.StartsWith("ct.session", StringComparison.Ordinal));
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
    }
}
