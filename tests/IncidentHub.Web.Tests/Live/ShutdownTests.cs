using System.Diagnostics;
using System.Net;
using IncidentHub.Web.Data;
using IncidentHub.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IncidentHub.Web.Tests.Live;

/// <summary>
/// On SIGTERM (the host stopping) an instance ends its live-update streams at once and reports not ready, so a
/// rolling restart does not wait out the shutdown timeout and the load balancer sends new requests elsewhere.
/// </summary>
public sealed class ShutdownTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Stopping_the_app_ends_live_update_streams_and_readiness_at_once()
    {
        await using var instance = new IncidentHubFactory(App.ConnectionString, App.Clock);
        using var browser = await BrowserSession.SignedInAsync(instance, Admin.Email);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await browser.Client.GetAsync(
            new Uri("/live/incidents", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, patience.Token);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(patience.Token));
        Assert.Equal("event: ready", await events.ReadLineAsync(patience.Token));
        // Made now: once stopped, the app's services are disposed.
        var readiness = ActivatorUtilities.CreateInstance<DatabaseHealthCheck>(instance.Services);
        Assert.Equal(
            HealthStatus.Healthy, (await readiness.CheckHealthAsync(new HealthCheckContext(), patience.Token)).Status);

        var stopping = Stopwatch.StartNew();
        instance.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var rest = await events.ReadToEndAsync(patience.Token);

        Assert.True(
            stopping.Elapsed < TimeSpan.FromSeconds(5),
            $"The stream ended {stopping.Elapsed} after the stop; it read: {rest}");
        Assert.Equal(
            HealthStatus.Unhealthy,
            (await readiness.CheckHealthAsync(new HealthCheckContext(), patience.Token)).Status);
    }
}
