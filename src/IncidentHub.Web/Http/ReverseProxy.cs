using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IncidentHub.Web.Http;

/// <summary>
/// Trust in the reverse proxies that terminate TLS in front of the app. <c>X-Forwarded-For</c>, <c>-Proto</c> and
/// <c>-Host</c> are honoured only when the connection comes from a configured proxy, so that rate limits and the
/// security log see the client's address and cookies stay <c>Secure</c>, while nobody else can claim an address.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "IncidentHub:ForwardedHeaders";

    /// <summary>
    /// The options for <c>UseForwardedHeaders</c>, or null when no proxy is configured (nothing is trusted).
    /// </summary>
    public static ForwardedHeadersOptions? ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = List(section.GetSection("KnownProxies"));
        var networks = List(section.GetSection("KnownNetworks"));
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders =
                ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // Every hop of a chain of proxies must be trusted; the first untrusted address is the client.
            ForwardLimit = null,
        };

        // The framework trusts loopback by default; only what the operator lists is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new StartupException($"{Section}:KnownProxies: \"{proxy}\" is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new StartupException(
                    $"{Section}:KnownNetworks: \"{network}\" is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        }

        return options;
    }

    /// <summary>A list in configuration, or one comma-separated value (what an environment variable gives).</summary>
    private static string[] List(IConfigurationSection section) =>
        (section.Value is { } single ? single.Split(',') : section.GetChildren().Select(child => child.Value ?? ""))
            .Select(value => value.Trim())
            .Where(value => value.Length > 0)
            .ToArray();
}
