using System.Net;
using System.Net.Http.Json;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Observability;

/// <summary>The scrape endpoint read as Prometheus reads it, through the real pipeline.</summary>
public sealed class MetricsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Declaring_an_incident_shows_in_the_counter_and_the_open_incidents_gauge()
    {
        var before = await ScrapeAsync();

        var number = await Client.DeclareNumberAsync(severity: "S2");
        await Client.AssignAsync(number, "EngineerOnCall", Admin.Id);
        await Client.MoveAsync(number, "Investigation");
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = await ScrapeAsync();

        Assert.Equal(Count(before, "incidenthub_incidents_declared_total", ("severity", "S2")) + 1,
            Count(after, "incidenthub_incidents_declared_total", ("severity", "S2")));
        Assert.Equal(Count(
            before, "incidenthub_phase_changes_total", ("from", "Identification"), ("to", "Investigation")) + 1,
            Count(after, "incidenthub_phase_changes_total", ("from", "Identification"), ("to", "Investigation")));
        Assert.Equal(1, after.Value("incidenthub_open_incidents", ("severity", "S2"), ("phase", "Investigation")));
        Assert.Equal(0, after.Value("incidenthub_open_incidents", ("severity", "S2"), ("phase", "Identification")));
    }

    [Fact]
    public async Task A_draft_counts_as_declared_when_it_leaves_Preparation()
    {
        var draft = (await Client.PostOkAsync(
            "/api/v1/incidents",
            new { title = "Disk filling up", severity = "S4", source = "Monitoring", phase = "Preparation" }))
            .GetProperty("number").GetInt64();
        var before = await ScrapeAsync();

        await Client.MoveAsync(draft, "Identification");
        var after = await ScrapeAsync();

        Assert.Equal(
            Count(before, "incidenthub_incidents_declared_total", ("severity", "S4")) + 1,
            Count(after, "incidenthub_incidents_declared_total", ("severity", "S4")));
        // Both labels: other tests leave other series from Preparation (drafts dismissed or merged).
        Assert.Equal(
            Count(before, "incidenthub_phase_changes_total", ("from", "Preparation"), ("to", "Identification")) + 1,
            Count(after, "incidenthub_phase_changes_total", ("from", "Preparation"), ("to", "Identification")));
    }

    [Fact]
    public async Task Incidents_owing_customers_an_update_show_in_the_overdue_gauge()
    {
        await Client.DeclareNumberAsync(severity: "S1");
        await Client.DeclareNumberAsync(severity: "S3");

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        var scrape = await ScrapeAsync();

        Assert.Equal(1, scrape.Value("incidenthub_external_updates_overdue", ("severity", "S1")));
        Assert.Equal(0, scrape.Value("incidenthub_external_updates_overdue", ("severity", "S3")));
    }

    [Fact]
    public async Task What_the_insights_keep_in_memory_shows_in_its_gauge()
    {
        App.Clock.AdjustTime(new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero));
        await Client.DeclareNumberAsync(severity: "S3");
        App.Clock.AdjustTime(AppFixture.Start);

        // February is a whole month of this period: its rollup is kept once read.
        (await Client.GetAsync("/api/v1/insights?from=2026-02-01&to=2026-03-31")).EnsureSuccessStatusCode();
        var scrape = await ScrapeAsync();

        Assert.True(scrape.Value("incidenthub_insights_cache_bytes") > 0);
    }

    [Fact]
    public async Task A_refused_move_counts_nothing()
    {
        var number = await Client.DeclareNumberAsync(severity: "S1");
        await Client.AssignAsync(number, "EngineerOnCall", Admin.Id);
        await Client.MoveAsync(number, "Investigation");
        var before = await ScrapeAsync();

        using var refused = await Client.PostAsJsonAsync(
            $"/api/v1/incidents/{number}/phase", new { target = "Containment" });
        var after = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            Count(before, "incidenthub_phase_changes_total", ("to", "Containment")),
            Count(after, "incidenthub_phase_changes_total", ("to", "Containment")));
    }

    [Fact]
    public async Task Requests_and_the_database_pool_are_measured()
    {
        await Client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));

        var scrape = await ScrapeAsync();

        Assert.True(
            scrape.Value(
                "http_request_duration_seconds_count",
                ("method", "GET"),
                ("code", "200"),
                ("endpoint", "/api/v1/incidents/")) >= 1,
            scrape.Text);
        Assert.True(scrape.Has("http_request_duration_seconds_bucket"));
        Assert.True(scrape.Has("http_requests_received_total"));
        Assert.True(
            scrape.Value(
                "npgsql_db_client_connection_count",
                ("db_client_connection_pool_name", "incidenthub"),
                ("db_client_connection_state", "idle")) >= 0,
            scrape.Text);
        Assert.True(
            scrape.Value("npgsql_db_client_connection_max", ("db_client_connection_pool_name", "incidenthub")) > 0,
            scrape.Text);
        Assert.True(scrape.Has("process_cpu_seconds_total"));
    }

    [Fact]
    public async Task The_scrape_needs_no_sign_in_and_names_no_incident()
    {
        await Client.DeclareNumberAsync(title: "Payroll export leaks salaries");
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Payroll", text, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@example.com", text, StringComparison.Ordinal);
    }

    private async Task<Scrape> ScrapeAsync()
    {
        using var anonymous = App.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    private static double Count(Scrape scrape, string name, params (string, string)[] labels) =>
        scrape.Value(name, labels) ?? 0;
}
