using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Web.Api;

/// <summary>
/// The public API's base address: <c>Web:ApiBaseUrl</c>, or else (the embedded host) the address this process listens on,
/// read once the server has bound it (a port of 0 is known only then).
/// </summary>
internal sealed class ApiAddress(IOptions<WebOptions> options, IServer server)
{
    private Uri? resolved;

    public Uri Value => resolved ??= Resolve();

    private Uri Resolve()
    {
        if (options.Value.ApiBaseUrl is { Length: > 0 } configured)
        {
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                        ?? addresses.FirstOrDefault()
                        ?? throw new InvalidOperationException("Setting 'Web:ApiBaseUrl' is not set and the server has no listening address to call the API on.");

        // http://+:8080, http://*:8080 and http://0.0.0.0:8080 listen everywhere; the API is called on loopback.
        var builder = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)) { Path = "/" };
        if (builder.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "localhost";
        }

        return builder.Uri;
    }
}
