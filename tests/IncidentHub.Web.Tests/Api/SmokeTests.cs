using System.Net;
using System.Net.Http.Json;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

public sealed class SmokeTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Declaring_an_incident_answers_201_with_its_number()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/incidents", new { title = "Checkout down", severity = "S2", source = "Monitoring" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("\"phase\":\"Identification\"", body, StringComparison.Ordinal);
    }
}
