using IncidentHub.Web.Data;
using IncidentHub.Web.Webhooks;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;

namespace IncidentHub.Web.Observability;

/// <summary>
/// Traces over OTLP when an endpoint is configured, and metrics for a Prometheus scraper on <c>/metrics</c>:
/// on the app's own port, or — with <c>IncidentHub:Metrics:Port</c> — only on a management port.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointKey = "IncidentHub:Telemetry:OtlpEndpoint";
    public const string MetricsEnabledKey = "IncidentHub:Metrics:Enabled";
    public const string MetricsPortKey = "IncidentHub:Metrics:Port";

    public static WebApplicationBuilder AddIncidentHubTelemetry(this WebApplicationBuilder builder)
    {
        AddTracing(builder);
        if (builder.Configuration.GetValue(MetricsEnabledKey, true))
        {
            builder.Services.AddSingleton<IncidentHubMetrics>();
            builder.Services.AddSingleton<IncidentMetricsInterceptor>();
            builder.Services.ConfigureDbContext<IncidentHubDbContext>((services, options) =>
                options.AddInterceptors(services.GetRequiredService<IncidentMetricsInterceptor>()));
            if (builder.Configuration.GetValue<int?>(MetricsPortKey) is { } port)
            {
                ManagementPort.Listen(builder, port);
            }
        }

        return builder;
    }

    /// <summary>
    /// Request counts and durations (after routing, for the route label), and the management port's fence.
    /// </summary>
    public static WebApplication UseIncidentHubMetrics(this WebApplication app)
    {
        if (!app.Configuration.GetValue(MetricsEnabledKey, true))
        {
            return app;
        }

        if (app.Configuration.GetValue<int?>(MetricsPortKey) is { } port)
        {
            app.Use((context, next) => ManagementPort.Admits(context, port) ? next(context) : NotFound(context));
        }

        var registry = app.Services.GetRequiredService<IncidentHubMetrics>().Registry;
        app.UseHttpMetrics(options => options.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
        return app;
    }

    /// <summary>
    /// Anonymous, as Prometheus scrapers expect: it carries counts only. Whoever must not see even those sets a
    /// management port that only the scraper's network reaches.
    /// </summary>
    public static WebApplication MapIncidentHubMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue(MetricsEnabledKey, true))
        {
            var registry = app.Services.GetRequiredService<IncidentHubMetrics>().Registry;
            app.MapMetrics(settings => settings.Registry = registry, MetricsPath).AllowAnonymous();
        }

        return app;
    }

    /// <summary>
    /// Nothing is traced unless an OTLP endpoint is configured: without a listener, instrumented code skips
    /// recording (ASP.NET Core still makes its request activity, whose ids the logs and problem details carry).
    /// </summary>
    private static void AddTracing(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(configured)
            && string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            && string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]))
        {
            return;
        }

        var endpoint = string.IsNullOrWhiteSpace(configured) ? null
            : Uri.TryCreate(configured, UriKind.Absolute, out var uri) ? uri
            : throw new InvalidOperationException(
                $"{OtlpEndpointKey} must be an absolute URL, e.g. http://otel-collector:4317.");
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, read by the SDK, names the service when set.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService("IncidentHub");
                }
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !IsMachineTraffic(context.Request.Path))
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    // A webhook's address may hold its secret (Slack's and Mattermost's do, in the path).
                    if (request.Options.TryGetValue(WebhookDispatcher.Delivery, out var delivery) && delivery
                        && request.RequestUri is { } uri)
                    {
                        activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}/…");
                    }
                })
                .AddNpgsql()
                .AddOtlpExporter(options =>
                {
                    if (endpoint is not null)
                    {
                        options.Endpoint = endpoint;
                    }
                }));
    }

    /// <summary>Scrapes and probes every few seconds would bury the requests people make.</summary>
    private static bool IsMachineTraffic(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
