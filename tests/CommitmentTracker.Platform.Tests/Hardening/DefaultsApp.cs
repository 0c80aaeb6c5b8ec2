using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>
/// A bare app with nothing but the service defaults and the endpoints a test maps, on real Kestrel at a loopback port
/// (body limits and the Server header are Kestrel's, which the in-memory test server does not have).
/// </summary>
internal sealed class DefaultsApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private DefaultsApp(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DefaultsApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplication>? map = null, string environment = "Development", Action<WebApplication>? before = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdminKey"] = TestKeys.Admin,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        // A standalone app, like the embedded host: no gateway in front, so no forwarded identity.
        builder.AddServiceDefaults("defaults-test", InternalIdentity.None);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        before?.Invoke(app);
        app.UseServiceDefaults();
        map?.Invoke(app);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DefaultsApp(app, new Uri(address));
    }

    public HttpClient Client(string? apiKey = TestKeys.Admin)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(TestKeys.HeaderName, apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
