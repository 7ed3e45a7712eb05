using System.Net;
using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

/// <summary>Incidents are addressed by their human number, "42" or "INC-42".</summary>
public sealed class IncidentAddressTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("999999")]
    [InlineData("INC-999999")]
    [InlineData("INC-")]
    [InlineData("INC-abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("42abc")]
    public async Task An_incident_that_does_not_exist_is_not_found(string reference)
    {
        await Client.DeclareAsync();

        var problem = await (await Client.GetAsync($"{ApiClient.Incidents}/{reference}")).ProblemAsync(
            HttpStatusCode.NotFound);

        Assert.Equal("Not found", problem.Text("title"));
        await (await Client.GetAsync($"{ApiClient.Incidents}/{reference}/timeline")).ProblemAsync(
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changing_an_incident_that_does_not_exist_is_not_found()
    {
        await (await Client.PostPhaseAsync(999_999, Phase.Investigation)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.SendJsonAsync(
            HttpMethod.Patch,
            $"{ApiClient.Incidents}/INC-999999",
            new { title = "Renamed" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("INC-{0}")]
    [InlineData("inc-{0}")]
    public async Task An_incident_is_found_by_its_reference_as_by_its_number(string format)
    {
        var number = (await Client.DeclareAsync()).Number();
        var reference = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, number);

        var byNumber = await Client.GetAsync($"{ApiClient.Incidents}/{number}");
        var byReference = await Client.GetAsync($"{ApiClient.Incidents}/{reference}");

        Assert.Equal((await byNumber.ReadAsync()).ToString(), (await byReference.ReadAsync()).ToString());
        Assert.Equal(byNumber.Headers.ETag, byReference.Headers.ETag);
        Assert.Equal($"INC-{number}", (await byReference.ReadAsync()).Text("reference"));
        var timeline = await Client.GetAllPagesAsync($"{ApiClient.Incidents}/{reference}/timeline", limit: 10);
        Assert.Equal("Declared", Assert.Single(timeline).Text("kind"));
    }

    [Fact]
    public async Task An_incident_is_changed_through_its_reference_as_through_its_number()
    {
        var number = (await Client.DeclareAsync()).Number();
        var person = await Client.AddPersonAsync("Erin Engineer");

        await (await Client.PutRoleAsync(number, "EngineerOnCall", person)).ReadAsync();
        var moved = await (await Client.PostAsJsonAsync(
            $"{ApiClient.Incidents}/INC-{number}/phase", new { target = "Investigation" })).ReadAsync();

        Assert.Equal((number, "Investigation"), (moved.Number(), moved.Text("phase")));
    }
}
