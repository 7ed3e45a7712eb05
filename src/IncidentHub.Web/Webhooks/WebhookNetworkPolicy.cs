using System.Net;
using System.Net.Sockets;

namespace IncidentHub.Web.Webhooks;

/// <summary>
/// Where deliveries may go. An endpoint is an address an admin typed, and the app calls it from inside the network:
/// without a fence it would reach the database, the cloud's metadata service or an admin port (SSRF). Every address a
/// name resolves to is checked when the connection is made (not only when the URL is saved, since DNS can change), and
/// the connection goes to the address that was checked. Loopback, private, link-local, shared and reserved ranges are
/// refused unless <c>IncidentHub:Webhooks:AllowedNetworks</c> names them; plain http is refused in Production unless
/// <c>IncidentHub:Webhooks:RequireHttps</c> is false.
/// </summary>
public sealed class WebhookNetworkPolicy
{
    public const string AllowedNetworksKey = "IncidentHub:Webhooks:AllowedNetworks";
    public const string RequireHttpsKey = "IncidentHub:Webhooks:RequireHttps";

    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local (cloud metadata)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private"),
        (IPNetwork.Parse("198.18.0.0/15"), "a reserved"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved"),
        (IPNetwork.Parse("::/128"), "an unspecified"),
        (IPNetwork.Parse("::1/128"), "a loopback"),
        (IPNetwork.Parse("fe80::/10"), "a link-local"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local)"),
        (IPNetwork.Parse("ff00::/8"), "a multicast"),
    ];

    public WebhookNetworkPolicy(IConfiguration configuration, IHostEnvironment environment)
    {
        RequireHttps = configuration.GetValue(RequireHttpsKey, environment.IsProduction());
        var networks = configuration.GetSection(AllowedNetworksKey).Get<string[]>()
            ?? (configuration[AllowedNetworksKey] ?? "").Split(
                [',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        AllowedNetworks = [.. networks.Select(ParseNetwork)];
    }

    public bool RequireHttps { get; }

    public IReadOnlyList<IPNetwork> AllowedNetworks { get; }

    /// <summary>Why this URL cannot be an endpoint, for the admin's form; null when it may be one.</summary>
    public string? Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter an absolute https:// address, e.g. https://hooks.slack.com/services/….";
        }

        if (RequireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Use https://: deliveries carry incident details, and this installation sends them encrypted only.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Leave the user name and password out of the address; the deliveries are signed instead.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "Leave the #fragment out: it is never sent to the server.";
        }

        if (IPAddress.TryParse(uri.IdnHost, out var literal) && RefusalOf(literal) is { } refusal)
        {
            return refusal;
        }

        if (uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && RefusalOf(IPAddress.Loopback) is { } loopback)
        {
            return loopback;
        }

        return null;
    }

    /// <summary>Why a delivery may not connect to this address; null when it may.</summary>
    public string? RefusalOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (AllowedNetworks.Any(network => network.Contains(address)))
        {
            return null;
        }

        foreach (var (network, kind) in Refused)
        {
            if (network.Contains(address))
            {
                return $"{address} is {kind} address, which webhooks may not reach unless an operator allows its "
                    + $"network ({AllowedNetworksKey}).";
            }
        }

        return null;
    }

    /// <summary>
    /// The connection a delivery uses: to one of the name's addresses that passed <see cref="RefusalOf"/>, so that a
    /// second lookup (DNS rebinding) cannot send it elsewhere.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refusals = addresses.Select(address => (address, refusal: RefusalOf(address))).ToList();
        var allowed = refusals.Where(pair => pair.refusal is null).Select(pair => pair.address).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(
                refusals.FirstOrDefault().refusal ?? $"{host} resolves to no address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPNetwork ParseNetwork(string text) =>
        IPNetwork.TryParse(text, out var network) ? network
        : IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
        : throw new StartupException(
            $"{AllowedNetworksKey} holds \"{text}\", which is not a network: write it as 10.1.0.0/16 or 2001:db8::/32.");
}

/// <summary>A delivery's address is one the <see cref="WebhookNetworkPolicy"/> refuses.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
