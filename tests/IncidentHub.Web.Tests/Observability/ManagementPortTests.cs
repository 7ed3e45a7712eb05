using System.Net;
using System.Net.Sockets;
using IncidentHub.Web.Observability;
using IncidentHub.Web.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace IncidentHub.Web.Tests.Observability;

/// <summary>
/// With IncidentHub:Metrics:Port the scrape moves to a port of its own: real Kestrel on two loopback ports.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ManagementPortTests(AppFixture app)
{
    [Fact]
    public async Task Metrics_answer_only_on_the_management_port_which_answers_nothing_else()
    {
        var (main, management) = (FreePort(), FreePort());
        await using var factory = new IncidentHubFactory(
            app.ConnectionString,
            app.Clock,
            (Telemetry.MetricsPortKey, management.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        factory.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, main);
            kestrel.Listen(IPAddress.Loopback, management);
        });
        factory.StartServer();
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, management, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, management, "/health/live"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, management, "/api/v1/incidents"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, management, "/signin"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, main, "/metrics"));
        Assert.Equal(
            HttpStatusCode.NotFound,
            await StatusAsync(client, main, "/metrics", hostHeader: $"localhost:{management}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, main, "/health/live"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, main, "/api/v1/incidents"));
    }

    [Theory]
    [InlineData("urls", "http://+:8080;https://+:8443", "http://+:8080|https://+:8443")]
    [InlineData("http_ports", "8080", "http://*:8080")]
    [InlineData("https_ports", "8443", "https://*:8443")]
    [InlineData("nothing", "", "http://localhost:5000")]
    public void The_management_port_comes_beside_the_addresses_the_app_would_listen_on(
        string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.Equal(expected.Split('|'), ManagementPort.ServerUrls(configuration));
    }

    private static async Task<HttpStatusCode> StatusAsync(
        HttpClient client, int port, string path, string? hostHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}{path}"));
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
