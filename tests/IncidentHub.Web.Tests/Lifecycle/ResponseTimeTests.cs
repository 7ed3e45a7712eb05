using System.Net;
using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

/// <summary>
/// Time to detect, mitigate and resolve, from the impact start and detection time given at declaration.
/// </summary>
public sealed class ResponseTimeTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Without_given_times_impact_and_detection_count_from_the_declaration()
    {
        var incident = await Client.DeclareAsync(
            new { title = "Checkout is failing", severity = "S3", source = "CustomerReport" });

        Assert.Equal(0d, incident.Seconds("timeToDetectSeconds"));
        Assert.Null(incident.Seconds("timeToMitigateSeconds"));
        Assert.Null(incident.Seconds("timeToResolveSeconds"));
    }

    [Fact]
    public async Task With_only_an_impact_start_detection_counts_from_the_declaration()
    {
        var incident = await Client.DeclareAsync(new
        {
            title = "Checkout is failing",
            severity = "S3",
            source = "CustomerReport",
            impactStartedAt = AppFixture.Start.AddMinutes(-40),
        });

        Assert.Equal(40 * 60d, (await Client.GetIncidentAsync(incident.Number())).Seconds("timeToDetectSeconds"));
    }

    [Fact]
    public async Task With_only_a_detection_time_the_impact_is_taken_to_start_when_it_was_detected()
    {
        var incident = await Client.DeclareAsync(new
        {
            title = "Checkout is failing",
            severity = "S3",
            source = "Monitoring",
            detectedAt = AppFixture.Start.AddMinutes(-15),
        });

        Assert.Equal(0d, (await Client.GetIncidentAsync(incident.Number())).Seconds("timeToDetectSeconds"));
    }

    [Fact]
    public async Task Mitigation_and_resolution_count_from_the_impact_start()
    {
        var number = (await Client.DeclareAsync(new
        {
            title = "Checkout is failing",
            severity = "S3",
            source = "Monitoring",
            impactStartedAt = AppFixture.Start.AddMinutes(-5),
        })).Number();
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, await Client.AddPersonAsync("Erin Engineer"));
        await Client.MoveAsync(number, Phase.Containment);
        App.Clock.TickMinutes(25);
        await Client.MoveAsync(number, Phase.Remediation);
        App.Clock.TickMinutes(60);

        var resolved = await Client.MoveAsync(number, Phase.Recovery);

        Assert.Equal(
            (5 * 60d, 30 * 60d, 90 * 60d),
            (resolved.Seconds("timeToDetectSeconds"), resolved.Seconds("timeToMitigateSeconds"),
                resolved.Seconds("timeToResolveSeconds")));
    }

    [Fact]
    public async Task Detection_before_the_impact_started_or_an_impact_in_the_future_is_refused()
    {
        var detectedTooEarly = await Client.PostAsJsonAsync(ApiClient.Incidents, new
        {
            title = "Checkout is failing",
            severity = "S3",
            source = "Monitoring",
            impactStartedAt = AppFixture.Start.AddMinutes(-10),
            detectedAt = AppFixture.Start.AddMinutes(-20),
        });
        await detectedTooEarly.InvalidAsync("detectedAt");

        var impactInTheFuture = await Client.PostAsJsonAsync(ApiClient.Incidents, new
        {
            title = "Checkout is failing",
            severity = "S3",
            source = "Monitoring",
            impactStartedAt = AppFixture.Start.AddMinutes(10),
        });
        await impactInTheFuture.InvalidAsync("impactStartedAt");

        Assert.Empty((await Client.GetPageAsync(ApiClient.Incidents)).Items);
    }

    [Fact]
    public async Task An_impact_start_after_the_declaration_is_refused()
    {
        var number = (await Client.DeclareAsync()).Number();
        App.Clock.TickMinutes(30);

        var response = await Client.SendJsonAsync(
            HttpMethod.Patch, ApiClient.IncidentUrl(number), new { impactStartedAt = AppFixture.Start.AddMinutes(10) });

        await response.InvalidAsync("impactStartedAt");
        Assert.Null((await Client.GetIncidentAsync(number)).Time("impactStartedAt"));
    }

    [Fact]
    public async Task Timeline_entries_tagged_impact_started_and_detected_set_those_times_and_the_time_to_detect()
    {
        var number = (await Client.DeclareAsync()).Number();
        App.Clock.TickMinutes(30);
        var timeline = $"{ApiClient.IncidentUrl(number)}/timeline";

        await (await Client.PostAsJsonAsync(
            timeline,
            new
            {
                text = "First 502s in the load balancer log",
                occurredAt = AppFixture.Start.AddMinutes(-45),
                tag = "ImpactStarted",
            }))
            .ReadAsync(HttpStatusCode.Created);
        await (await Client.PostAsJsonAsync(
            timeline,
            new
            {
                text = "The error-rate alert fired",
                occurredAt = AppFixture.Start.AddMinutes(-15),
                tag = "ImpactDetected",
            }))
            .ReadAsync(HttpStatusCode.Created);

        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal(
            (AppFixture.Start.AddMinutes(-45), AppFixture.Start.AddMinutes(-15), 30 * 60d),
            (incident.Time("impactStartedAt"), incident.Time("detectedAt"), incident.Seconds("timeToDetectSeconds")));
        var changes = await Client.GetAllPagesAsync($"{timeline}?kind=DetailsUpdated", limit: 50);
        Assert.Equal(
            [
                "Set the impact start to 2026-03-02 08:15 UTC from an entry marked Impact started.",
                "Set the detection time to 2026-03-02 08:45 UTC from an entry marked Impact detected.",
            ],
            changes.Select(change => change.Text("text")));
    }

    [Fact]
    public async Task A_tagged_entry_that_would_put_the_impact_start_after_the_declaration_is_refused_at_its_time()
    {
        var number = (await Client.DeclareAsync()).Number();
        App.Clock.TickMinutes(30);

        var response = await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline",
            new { text = "Impact started", occurredAt = AppFixture.Start.AddMinutes(10), tag = "ImpactStarted" });

        Assert.Equal(
            ["The impact must have started before the incident was declared."],
            await response.InvalidAsync("occurredAt"));
        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal((null, 0d), (incident.Time("impactStartedAt"), incident.Seconds("timeToDetectSeconds")));
    }
}
