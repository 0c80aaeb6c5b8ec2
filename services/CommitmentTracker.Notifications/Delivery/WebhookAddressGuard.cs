using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications.Delivery;

/// <summary>
/// Keeps webhooks off internal addresses (SSRF): loopback, private (RFC 1918, CGNAT, ULA), link-local, cloud metadata,
/// unspecified, multicast, broadcast, documentation-free reserved ranges, and IPv4-mapped or -compatible IPv6 forms of
/// those. An admin's allow-list (host names, addresses, CIDR ranges) lets chosen internal targets through. Checked when
/// a subscription is saved and again on every connection (<see cref="ConnectAsync"/>), so a name that later resolves
/// elsewhere (DNS rebinding) is caught where it matters.
/// </summary>
internal sealed class WebhookAddressGuard(IOptions<NotificationsOptions> options)
{
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"),          // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),         // RFC 1918
        IPNetwork.Parse("100.64.0.0/10"),      // CGNAT
        IPNetwork.Parse("127.0.0.0/8"),        // loopback
        IPNetwork.Parse("169.254.0.0/16"),     // link-local, cloud metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),      // RFC 1918
        IPNetwork.Parse("192.0.0.0/24"),       // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),     // RFC 1918
        IPNetwork.Parse("198.18.0.0/15"),      // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),        // multicast
        IPNetwork.Parse("240.0.0.0/4"),        // reserved, broadcast
        IPNetwork.Parse("::/128"),             // unspecified
        IPNetwork.Parse("::1/128"),            // loopback
        IPNetwork.Parse("fc00::/7"),           // unique local (ULA), AWS metadata fd00:ec2::254
        IPNetwork.Parse("fe80::/10"),          // link-local
        IPNetwork.Parse("fec0::/10"),          // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),           // multicast
        IPNetwork.Parse("64:ff9b::/96"),       // NAT64 of any IPv4, internal ones included
        IPNetwork.Parse("2002::/16"),          // 6to4 wraps an IPv4 address
    ];

    private readonly WebhookOptions settings = options.Value.Webhooks;

    /// <summary>Whether the webhook may connect to <paramref name="address"/> (reached through <paramref name="host"/>).</summary>
    public bool IsAllowed(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = Unwrap(address);
        if (AllowListed(host, plain))
        {
            return true;
        }

        return !Refused.Any(network => network.Contains(plain));
    }

    /// <summary>Why <paramref name="url"/> cannot be a webhook target, or null when it can. Resolves the host.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "webhookUrl must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "webhookUrl must not carry credentials.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return NotAllowed(uri);
        }

        // One answer whether the name is unknown or internal, and never the address: a subscriber must not be able to map
        // the names the service's network resolves.
        return addresses.Length == 0 || addresses.Any(a => !IsAllowed(uri.IdnHost, a)) ? NotAllowed(uri) : null;
    }

    private static string NotAllowed(Uri uri) =>
        $"Webhooks may not be sent to {uri.Host}: the host must have a public internet address.";

    /// <summary>
    /// The connect step of the webhook client: resolves the host, keeps only allowed addresses and connects to one of
    /// them, so the address checked is the address used.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(a => IsAllowed(host, a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"Refused to connect to {host}: it resolves only to internal addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
        }

        throw new HttpRequestException($"Could not connect to {host}.", last);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private bool AllowListed(string host, IPAddress address) =>
        settings.AllowList.Any(entry =>
            string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(entry, out var single) && Unwrap(single).Equals(address))
            || (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network) && network.Contains(address)));

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address.</summary>
    internal static IPAddress Unwrap(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1))
            {
                return new IPAddress(bytes.AsSpan(12, 4));
            }
        }

        return address;
    }
}
