using System.Net;
using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

public sealed class AlertApiTests(AppFixture app) : AppTest(app)
{
    private const string Alerts = "/api/v1/alerts";

    [Fact]
    public async Task The_list_shows_open_alerts_first_then_resolved_ones_each_newest_received_first()
    {
        var source = await App.AddSourceAsync();
        var number = await TriageIncidentAsync();
        var now = App.Clock.GetUtcNow();
        await App.FireAsync(source, number, "Old resolved", receivedAt: now.AddMinutes(-50), status: AlertStatus.Resolved);
        await App.FireAsync(source, number, "Old firing", receivedAt: now.AddMinutes(-40));
        await App.FireAsync(source, number, "New resolved", receivedAt: now.AddMinutes(-5), status: AlertStatus.Resolved);
        await App.FireAsync(source, number, "Acknowledged", receivedAt: now.AddMinutes(-20), status: AlertStatus.Acknowledged);
        await App.FireAsync(source, number, "New firing", receivedAt: now.AddMinutes(-10));

        var (items, next) = await Client.GetPageAsync(Alerts);

        Assert.Null(next);
        Assert.Equal(
            ["New firing", "Acknowledged", "Old firing", "New resolved", "Old resolved"],
            items.Select(item => item.Text("title")));
        var first = items[0];
        Assert.Equal("Prometheus", first.Text("sourceName"));
        Assert.Equal(number, first.GetProperty("incidentNumber").GetInt64());
        Assert.Equal("Firing", first.Text("status"));
    }

    [Fact]
    public async Task Paging_in_twos_returns_every_alert_once_in_the_same_order()
    {
        var source = await App.AddSourceAsync();
        var number = await TriageIncidentAsync();
        var now = App.Clock.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            // The same received time for some, so that the id breaks ties.
            await App.FireAsync(source, number, $"Alert {i}", receivedAt: now.AddMinutes(-(i / 2)),
                status: i % 3 == 0 ? AlertStatus.Resolved : AlertStatus.Firing);
        }

        var whole = (await Client.GetPageAsync($"{Alerts}?limit=200")).Items.Select(item => item.Id()).ToList();
        var paged = (await Client.GetAllPagesAsync(Alerts, limit: 2)).Select(item => item.Id()).ToList();

        Assert.Equal(7, whole.Count);
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Filters_combine()
    {
        var prometheus = await App.AddSourceAsync("Prometheus");
        var grafana = await App.AddSourceAsync("Grafana");
        var first = await TriageIncidentAsync();
        var second = await TriageIncidentAsync();
        await App.FireAsync(prometheus, first, "Checkout latency", Severity.S1, "checkout");
        await App.FireAsync(prometheus, first, "Checkout errors", Severity.S3, "checkout", status: AlertStatus.Resolved);
        await App.FireAsync(grafana, second, "Search latency", Severity.S1, "search");

        Assert.Equal(["Search latency"], await TitlesAsync($"{Alerts}?sourceId={grafana}"));
        Assert.Equal(["Checkout errors"], await TitlesAsync($"{Alerts}?status=resolved"));
        Assert.Equal(["Checkout latency"], await TitlesAsync($"{Alerts}?severity=S1&service=Checkout"));
        Assert.Equal(["Checkout latency", "Checkout errors"], await TitlesAsync($"{Alerts}?incidentNumber={first}"));
        Assert.Equal(["Search latency"], await TitlesAsync($"/api/v1/incidents/INC-{second}/alerts"));
        Assert.Equal(["Checkout errors"], await TitlesAsync($"/api/v1/incidents/{first}/alerts?status=Resolved"));
        Assert.Empty(await TitlesAsync($"{Alerts}?severity=S1&status=Acknowledged"));
    }

    [Fact]
    public async Task A_cursor_of_another_list_or_made_up_is_refused()
    {
        var incidents = await Client.GetPageAsync("/api/v1/incidents?limit=1");
        Assert.Empty(incidents.Items);
        var timelineLike = Convert.ToBase64String("638000000000000000\u001f5"u8.ToArray()).TrimEnd('=');

        Assert.Contains("cursor", (await (await Client.GetAsync($"{Alerts}?cursor={timelineLike}")).InvalidAsync("cursor"))[0], StringComparison.Ordinal);
        await (await Client.GetAsync($"{Alerts}?cursor=nonsense")).InvalidAsync("cursor");
        await (await Client.GetAsync($"{Alerts}?limit=0")).InvalidAsync("limit");
        await (await Client.GetAsync($"{Alerts}?status=Open")).InvalidAsync("status");
    }

    [Fact]
    public async Task An_unknown_alert_or_incident_is_a_404_problem()
    {
        await (await Client.GetAsync($"{Alerts}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsync($"{Alerts}/{Guid.NewGuid()}/acknowledge", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/api/v1/incidents/987654/alerts")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_alert_shows_its_source_incident_labels_links_and_history()
    {
        var source = await App.AddSourceAsync();
        var number = await TriageIncidentAsync();
        var id = await App.FireAsync(source, number, "High latency", annotations: new Dictionary<string, string>
        {
            ["summary"] = "p99 above 2 s",
            ["runbook_url"] = "https://runbooks.example.com/latency",
        });

        var alert = await Client.GetOkAsync($"{Alerts}/{id}");

        Assert.Equal("Prometheus", alert.Text("sourceName"));
        Assert.Equal("Checkout is failing", alert.Text("incidentTitle"));
        Assert.Equal("High latency", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("https://runbooks.example.com/latency", alert.GetProperty("annotations").GetProperty("runbook_url").GetString());
        Assert.Equal("Source", alert.GetProperty("links")[0].Text("text"));
        Assert.Equal(1, alert.GetProperty("timesReceived").GetInt32());
        Assert.Equal(App.Clock.GetUtcNow(), alert.Time("firstReceivedAt"));
        Assert.Null(alert.Time("acknowledgedAt"));
    }

    [Fact]
    public async Task Acknowledging_marks_the_alert_and_notes_it_once_on_the_timeline()
    {
        var source = await App.AddSourceAsync();
        var number = await TriageIncidentAsync();
        var id = await App.FireAsync(source, number, "High latency", Severity.S2, "checkout");
        var at = App.Clock.Tick(TimeSpan.FromMinutes(3));

        var first = await (await Client.PostAsync($"{Alerts}/{id}/acknowledge", null)).ReadAsync();
        App.Clock.Tick(TimeSpan.FromMinutes(1));
        var again = await (await Client.PostAsync($"{Alerts}/{id}/acknowledge", null)).ReadAsync();

        Assert.Equal("Acknowledged", first.Text("status"));
        Assert.Equal(ApiClient.ActorName, first.Text("acknowledgedBy"));
        Assert.Equal(at, first.Time("acknowledgedAt"));
        Assert.Equal(at, again.Time("acknowledgedAt"));
        var entries = (await Client.GetPageAsync($"/api/v1/incidents/{number}/timeline?kind=Alert")).Items;
        var entry = Assert.Single(entries);
        Assert.Equal("Acknowledged the alert \"High latency\" (S2 (high), checkout).", entry.Text("text"));
    }

    [Fact]
    public async Task Acknowledging_a_resolved_alert_changes_nothing()
    {
        var source = await App.AddSourceAsync();
        var number = await TriageIncidentAsync();
        var id = await App.FireAsync(source, number, "High latency", status: AlertStatus.Resolved);

        var alert = await (await Client.PostAsync($"{Alerts}/{id}/acknowledge", null)).ReadAsync();

        Assert.Equal("Resolved", alert.Text("status"));
        Assert.Null(alert.Text("acknowledgedBy"));
        Assert.Empty((await Client.GetPageAsync($"/api/v1/incidents/{number}/timeline?kind=Alert")).Items);
    }

    [Fact]
    public async Task A_viewer_may_read_alerts_but_not_acknowledge_them()
    {
        var source = await App.AddSourceAsync();
        var number = await TriageIncidentAsync();
        var id = await App.FireAsync(source, number, "High latency");
        var viewer = await App.CreateAccountAsync(AccountRole.Viewer);
        using var client = App.CreateClient(viewer.Token);

        await client.GetOkAsync($"{Alerts}/{id}");
        await (await client.PostAsync($"{Alerts}/{id}/acknowledge", null)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Firing", (await Client.GetOkAsync($"{Alerts}/{id}")).Text("status"));
    }

    [Fact]
    public async Task Merging_moves_every_alert_says_so_on_both_timelines_and_dismisses_the_duplicate()
    {
        var source = await App.AddSourceAsync();
        var target = (await Client.IncidentInAsync(Phase.Investigation)).Number();
        var merged = await TriageIncidentAsync();
        var alerts = new[]
        {
            await App.FireAsync(source, merged, "High latency"),
            await App.FireAsync(source, merged, "Error rate", status: AlertStatus.Acknowledged),
            await App.FireAsync(source, merged, "Disk full", status: AlertStatus.Resolved),
        };

        var answer = await (await Client.PostAsJsonAsync($"/api/v1/incidents/{merged}/merge", new { into = $"INC-{target}" })).ReadAsync();

        Assert.Equal("Dismissed", answer.Text("phase"));
        Assert.Equal(target, answer.GetProperty("duplicateOf").GetInt64());
        Assert.Empty((await Client.GetPageAsync($"/api/v1/incidents/{merged}/alerts")).Items);
        var moved = (await Client.GetPageAsync($"/api/v1/incidents/{target}/alerts")).Items.Select(item => item.Id());
        Assert.Equal(alerts.Order(), moved.Order());
        Assert.Equal(
            $"Merged INC-{merged} into this incident: 3 alerts moved.",
            Assert.Single((await Client.GetPageAsync($"/api/v1/incidents/{target}/timeline?kind=Merged")).Items).Text("text"));
        Assert.Equal(
            $"Merged into INC-{target}: 3 alerts moved.",
            Assert.Single((await Client.GetPageAsync($"/api/v1/incidents/{merged}/timeline?kind=Merged")).Items).Text("text"));
    }

    [Fact]
    public async Task Merging_into_a_closed_incident_or_into_itself_is_refused_and_moves_nothing()
    {
        var source = await App.AddSourceAsync();
        var closed = (await Client.IncidentInAsync(Phase.Closed)).Number();
        var merged = await TriageIncidentAsync();
        await App.FireAsync(source, merged, "High latency");

        await (await Client.PostAsJsonAsync($"/api/v1/incidents/{merged}/merge", new { into = closed }))
            .RefusedAsync(MergeRules.TargetMustBeOpen);
        await (await Client.PostAsJsonAsync($"/api/v1/incidents/{merged}/merge", new { into = merged }))
            .RefusedAsync(MergeRules.TargetMustDiffer);
        await (await Client.PostAsJsonAsync($"/api/v1/incidents/{merged}/merge", new { into = 987654 }))
            .InvalidAsync("into");

        Assert.Single((await Client.GetPageAsync($"/api/v1/incidents/{merged}/alerts")).Items);
        Assert.Equal("Preparation", (await Client.GetIncidentAsync(merged)).Text("phase"));
    }

    [Fact]
    public async Task A_responder_may_not_merge()
    {
        var target = await Client.DeclareNumberAsync();
        var merged = await TriageIncidentAsync();
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var client = App.CreateClient(responder.Token);

        await (await client.PostAsJsonAsync($"/api/v1/incidents/{merged}/merge", new { into = target }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Preparation", (await Client.GetIncidentAsync(merged)).Text("phase"));
    }

    /// <summary>What an alert opens: a Preparation incident from monitoring, awaiting triage.</summary>
    private async Task<long> TriageIncidentAsync() =>
        (await Client.PostOkAsync(ApiClient.Incidents, new
        {
            title = "Checkout is failing",
            phase = "Preparation",
            source = "Monitoring",
            severity = "S2",
        })).Number();

    private async Task<string[]> TitlesAsync(string url) =>
        [.. (await Client.GetPageAsync(url)).Items.Select(item => item.Text("title") ?? "")];
}
