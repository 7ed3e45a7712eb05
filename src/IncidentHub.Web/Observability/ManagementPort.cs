namespace IncidentHub.Web.Observability;

/// <summary>
/// A second Kestrel endpoint that serves <c>/metrics</c> and <c>/health/*</c> and nothing else, while the app's own
/// endpoints answer 404 for <c>/metrics</c>. The fence is the port the connection arrived on, never the Host
/// header, which any client can set.
/// </summary>
public static class ManagementPort
{
    /// <summary>
    /// Adds the port to whatever Kestrel would listen on anyway (URLs, HTTP_PORTS, or Kestrel:Endpoints).
    /// </summary>
    public static void Listen(WebApplicationBuilder builder, int port)
    {
        var management = $"http://*:{port}";
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.Configuration["Kestrel:Endpoints:Metrics:Url"] = management;
        }
        else
        {
            builder.WebHost.UseUrls([.. ServerUrls(builder.Configuration), management]);
        }
    }

    /// <summary>
    /// The addresses Kestrel takes from configuration when nothing else is set, with its own default last.
    /// </summary>
    public static IReadOnlyList<string> ServerUrls(IConfiguration configuration)
    {
        const StringSplitOptions Parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls.Split(';', Parts);
        }

        var ports = (configuration[WebHostDefaults.HttpPortsKey] ?? "")
            .Split(';', Parts)
            .Select(port => $"http://*:{port}")
            .Concat(
                (configuration[WebHostDefaults.HttpsPortsKey] ?? "")
                    .Split(';', Parts)
                    .Select(port => $"https://*:{port}"))
            .ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>
    /// The management port answers metrics and health only; the app's ports answer everything but metrics.
    /// </summary>
    public static bool Admits(HttpContext context, int port)
    {
        var path = context.Request.Path;
        var metrics = path.StartsWithSegments(Telemetry.MetricsPath);
        return context.Connection.LocalPort == port ? metrics || path.StartsWithSegments("/health") : !metrics;
    }
}
