using System.Net;
using System.Net.Sockets;
using System.Text;
using IncidentHub.Web.Observability;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Observability;

/// <summary>With an OTLP endpoint configured, a request's spans (ASP.NET Core and Npgsql) reach a collector.</summary>
[Collection(AppCollection.Name)]
public sealed class TracingTests(AppFixture app)
{
    [Fact]
    public async Task A_request_and_its_queries_are_exported_to_the_configured_collector()
    {
        var port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        await using var factory = new IncidentHubFactory(app.ConnectionString, app.Clock,
            (Telemetry.OtlpEndpointKey, $"http://127.0.0.1:{port}/v1/traces"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"));
        var account = await app.CreateAccountAsync(Domain.AccountRole.Viewer);
        using var client = factory.CreateApiClient(account.Token);

        using var response = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));
        var exported = await ReceiveUntilAsync(
            collector,
            body => body.Contains("/api/v1/incidents", StringComparison.Ordinal)
                    && body.Contains("postgresql", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("IncidentHub", exported, StringComparison.Ordinal);
    }

    /// <summary>
    /// OTLP over HTTP is protobuf, whose strings are plain UTF-8: enough to recognise service, route and database.
    /// </summary>
    private static async Task<string> ReceiveUntilAsync(HttpListener collector, Func<string, bool> complete)
    {
        var received = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!complete(received.ToString()))
        {
            var context = await collector.GetContextAsync().WaitAsync(timeout.Token);
            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body, timeout.Token);
                received.Append(Encoding.UTF8.GetString(body.ToArray()));
            }

            context.Response.ContentType = "application/x-protobuf";
            context.Response.StatusCode = 200;
            context.Response.Close();
        }

        return received.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
