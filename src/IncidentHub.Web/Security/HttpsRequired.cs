using IncidentHub.Web.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IncidentHub.Web.Security;

/// <summary>
/// Outside Development, session and antiforgery cookies are <c>Secure</c>, so pages cannot work over plain HTTP.
/// Rather than fail on the first form (a 500), the pages say what to configure; the API (bearer tokens) and the
/// health checks go on working.
/// </summary>
public sealed class HttpsRequired(RequestDelegate next)
{
    public const string Heading = "This page needs HTTPS";

    public static readonly string Advice =
        "IncidentHub keeps your session in a cookie that browsers only send over HTTPS, and this request came "
        + "over plain HTTP. "
        + "Serve IncidentHub over HTTPS, or put it behind a reverse proxy that terminates TLS and list that proxy in "
        + $"{ReverseProxy.Section}:KnownProxies or :KnownNetworks so that its X-Forwarded-Proto header is trusted. "
        + "For a trial on your own machine, run with ASPNETCORE_ENVIRONMENT=Development.";

    public Task InvokeAsync(HttpContext context) =>
        context.Request.IsHttps || !IsPage(context.Request.Path)
            ? next(context)
            : StandalonePage.WriteAsync(context, StatusCodes.Status403Forbidden, Heading, Advice);

    /// <summary>
    /// Pages that hold a form or a session. Not the error page (which status codes re-run), nor static files
    /// (the explanation page itself is styled by one), nor the public status page (anonymous, read-only).
    /// </summary>
    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/metrics")
        && !path.StartsWithSegments("/error") && !path.StartsWithSegments(StatusPage.StatusPageEndpoints.Path)
        && !Path.HasExtension(path.Value);

    /// <summary>One line at start-up when nothing can serve the pages securely.</summary>
    public static void WarnAtStartup(WebApplication app, bool proxiesConfigured)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses =
                app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (!proxiesConfigured
                && addresses.Count > 0
                && !addresses.Any(address => address.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
            {
                app.Logger.LogWarning(
                    "Serving plain HTTP in {Environment} with no trusted reverse proxy: pages will ask for HTTPS. "
                    + "Serve HTTPS, or set "
                    + "{Section}:KnownProxies (or KnownNetworks) to the proxy that terminates TLS",
                    app.Environment.EnvironmentName,
                    ReverseProxy.Section);
            }
        });
    }
}
