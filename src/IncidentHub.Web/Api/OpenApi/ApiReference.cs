using Scalar.AspNetCore;

namespace IncidentHub.Web.Api.OpenApi;

/// <summary>
/// The browsable API reference (Scalar) set up for a closed network: everything it needs comes from
/// the app. By default it loads its fonts from a CDN (refused by the Content Security Policy, one console
/// error per font) and offers hosted services (AI chat, SDK generation, deploy, MCP) that reach
/// the vendor's servers.
/// </summary>
public static class ApiReference
{
    public static void ForClosedNetworks(ScalarOptions options) => options
        .WithTitle("IncidentHub API")
        .WithFavicon("/favicon.svg")
        .DisableDefaultFonts()
        .DisableAgent()
        .DisableMcp()
        .DisableTelemetry()
        .HideDeveloperTools()
        .HideDarkModeToggle();
}
