using System.Net;
using System.Net.Http.Json;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

/// <summary>The next update customers are owed, as the API shows and filters it.</summary>
public sealed class UpdateCadenceTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task An_incident_says_when_its_next_updates_are_due_and_when_the_external_one_is_overdue()
    {
        var declaredAt = App.Clock.GetUtcNow();
        var number = await Client.DeclareNumberAsync(severity: "S1");

        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal(declaredAt.AddMinutes(10), incident.Time("nextExternalUpdateDueAt"));
        Assert.Equal(declaredAt.AddMinutes(30), incident.Time("nextInternalUpdateDueAt"));
        Assert.False(incident.GetProperty("externalUpdateOverdue").GetBoolean());

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        incident = await Client.GetIncidentAsync(number);
        Assert.True(incident.GetProperty("externalUpdateOverdue").GetBoolean());
        Assert.False(incident.GetProperty("internalUpdateOverdue").GetBoolean());

        var postedAt = App.Clock.GetUtcNow();
        var posted = await (await Client.PostAsJsonAsync(
                $"{ApiClient.IncidentUrl(number)}/status-updates", new { audience = "External", text = "We are on it." }))
            .ReadAsync(HttpStatusCode.Created);
        Assert.Equal("Investigating", posted.Text("publicStatus"));
        incident = await Client.GetIncidentAsync(number);
        Assert.Equal(postedAt.AddMinutes(10), incident.Time("nextExternalUpdateDueAt"));
        Assert.Equal(postedAt, incident.Time("lastExternalUpdateAt"));
        Assert.False(incident.GetProperty("externalUpdateOverdue").GetBoolean());
    }

    [Fact]
    public async Task The_list_marks_and_filters_incidents_whose_external_update_is_overdue()
    {
        var late = await Client.DeclareNumberAsync(title: "Checkout down", severity: "S1");
        var onTime = await Client.DeclareNumberAsync(title: "Search slow", severity: "S3");
        var draft = (await Client.PostOkAsync(
            "/api/v1/incidents", new { title = "Staged migration", severity = "S1", phase = "Preparation" }))
            .GetProperty("number").GetInt64();
        App.Clock.Advance(TimeSpan.FromMinutes(12));

        var all = (await Client.GetPageAsync("/api/v1/incidents")).Items.ToDictionary(item => item.GetProperty("number").GetInt64());
        Assert.True(all[late].GetProperty("externalUpdateOverdue").GetBoolean());
        Assert.False(all[onTime].GetProperty("externalUpdateOverdue").GetBoolean());
        Assert.False(all[draft].GetProperty("externalUpdateOverdue").GetBoolean());
        Assert.Null(all[draft].Time("nextExternalUpdateDueAt"));

        Assert.Equal(
            [late],
            (await Client.GetPageAsync("/api/v1/incidents?overdue=true")).Items.Select(item => item.GetProperty("number").GetInt64()));
        Assert.Equal(
            new[] { draft, onTime }.Order(),
            (await Client.GetPageAsync("/api/v1/incidents?overdue=FALSE")).Items
                .Select(item => item.GetProperty("number").GetInt64()).Order());
    }

    [Theory]
    [InlineData("/api/v1/incidents?overdue=yes", "overdue")]
    [InlineData("/api/v1/incidents?overdue=", "overdue")]
    public async Task A_wrong_overdue_filter_is_a_400_naming_it(string url, string field)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));

        await response.InvalidAsync(field);
    }

    [Fact]
    public async Task An_external_update_takes_a_public_status_and_the_affected_services_with_their_impact()
    {
        var number = (await Client.DeclareAsync(
                new { title = "Payments fail", severity = "S2", source = "Monitoring", services = new[] { "checkout", "payments-api" } }))
            .Number();
        var url = $"{ApiClient.IncidentUrl(number)}/status-updates";

        var posted = await (await Client.PostAsJsonAsync(url, new
        {
            audience = "External",
            text = "Card payments fail for some customers.",
            publicStatus = "Identified",
            affectedServices = new[] { new { service = "payments-api", impact = "MajorOutage" } },
        })).ReadAsync(HttpStatusCode.Created);

        Assert.Equal("Identified", posted.Text("publicStatus"));
        var affected = Assert.Single(posted.GetProperty("affectedServices").EnumerateArray());
        Assert.Equal(("payments-api", "MajorOutage"), (affected.Text("service"), affected.Text("impact")));
        var listed = Assert.Single((await Client.GetPageAsync(url)).Items);
        Assert.Equal("MajorOutage", listed.GetProperty("affectedServices")[0].Text("impact"));
    }

    [Fact]
    public async Task Status_page_fields_that_do_not_fit_are_a_400_naming_the_field_and_post_nothing()
    {
        var number = (await Client.DeclareAsync(
                new { title = "Payments fail", severity = "S2", source = "Monitoring", services = new[] { "checkout" } }))
            .Number();
        var url = $"{ApiClient.IncidentUrl(number)}/status-updates";

        using (var internalWithStatus = await Client.PostAsJsonAsync(
                   url, new { audience = "Internal", text = "Hi", publicStatus = "Identified" }))
        {
            await internalWithStatus.InvalidAsync("publicStatus");
        }

        using (var unknownService = await Client.PostAsJsonAsync(url, new
        {
            audience = "External",
            text = "Down",
            affectedServices = new[] { new { service = "search", impact = "MajorOutage" } },
        }))
        {
            await unknownService.InvalidAsync("affectedServices[0].service");
        }

        using (var noImpact = await Client.PostAsJsonAsync(url, new
        {
            audience = "External",
            text = "Down",
            affectedServices = new[] { new { service = "checkout" } },
        }))
        {
            await noImpact.InvalidAsync("affectedServices[0].impact");
        }

        using (var badImpact = await Client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(
                   """{"audience":"External","text":"Down","affectedServices":[{"service":"checkout","impact":"Meltdown"}]}""",
                   System.Text.Encoding.UTF8,
                   "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badImpact.StatusCode);
            Assert.Equal("application/problem+json", badImpact.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty((await Client.GetPageAsync(url)).Items);
    }
}
