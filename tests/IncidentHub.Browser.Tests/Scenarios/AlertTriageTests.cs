using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;
using IncidentHub.Domain;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// Triage as an Incident Manager does it: from the alerts to one alert, acknowledged; to the incident it opened,
/// whose alerts are listed beside the story and whose first screen offers declaring, dismissing and merging.
/// </summary>
public sealed class AlertTriageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_incident_manager_acknowledges_an_alert_merges_its_incident_and_declares_another()
    {
        var target = await Api.DeclareAsync("Checkout is down", "S1", "Monitoring", "checkout");
        var source = await App.AddSourceAsync("Prometheus");
        var triage = await App.AddTriageIncidentAsync("High latency on checkout", "checkout");
        await App.FireAsync(source, triage, "Disk almost full", Severity.S4, "checkout", resolved: true);
        await App.FireAsync(source, triage, "Error rate above 5 %", Severity.S1, "checkout");
        await App.FireAsync(source, triage, "High latency on checkout", Severity.S2, "checkout");
        var other = await App.AddTriageIncidentAsync("Search queue backing up", "search");
        await App.FireAsync(source, other, "Search queue backing up", Severity.S3, "search");

        var page = await SignInAsync(Ivy);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        var rows = page.Locator(".alert-row");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.First).ToContainTextAsync("Search queue backing up");
        await Expect(rows.Last).ToContainTextAsync("Disk almost full");

        await page.GetByLabel("Status").SelectOptionAsync("Resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("status=Resolved"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Disk almost full");
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(4);

        await page.GetByRole(AriaRole.Link, new() { Name = "High latency on checkout" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "High latency on checkout", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Runbook" }))
            .ToHaveAttributeAsync("href", "https://runbooks.example.com/checkout");
        await Expect(page.Locator("table.key-values").First).ToContainTextAsync("alertname");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator(".badge.alert-acknowledged")).ToBeVisibleAsync();
        await Expect(page.GetByText("by Ivy Manager")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = $"INC-{triage} High latency on checkout" }).ClickAsync();
        var incident = new IncidentPage(page);
        var panel = page.Locator("section#alerts");
        await Expect(panel).ToContainTextAsync("3 alerts, 1 firing, 1 acknowledged");
        await Expect(panel.Locator("li")).ToHaveCountAsync(3);
        await Expect(incident.Now.Locator(".next-todo")).ToContainTextAsync("triage 3 alerts");
        await Expect(incident.Timeline.First).ToContainTextAsync("Acknowledged the alert \"High latency on checkout\"");

        await incident.Now.GetByText("Dismiss as a false alarm, or merge").ClickAsync();
        await incident.Now.GetByLabel("Merge into incident").FillAsync($"INC-{target}");
        await incident.Now.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/incidents/{target}#alerts$"));
        await Expect(page.Locator("section#alerts")).ToContainTextAsync("3 alerts, 1 firing, 1 acknowledged");
        await Expect(incident.Timeline.First).ToContainTextAsync($"Merged INC-{triage} into this incident: 3 alerts moved.");
        await incident.GotoAsync(triage);
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Dismissed");
        await Expect(page.Locator("section#alerts")).ToHaveCountAsync(0);

        await incident.GotoAsync(other);
        await incident.Now.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true }).ClickAsync();
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Identification");
        await Expect(page.Locator("section#alerts")).ToContainTextAsync("1 alert, 1 firing");
        await Expect(incident.Now.Locator(".triage")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task When_every_alert_has_resolved_the_incident_says_so_and_waits_to_be_dismissed()
    {
        var source = await App.AddSourceAsync("Grafana");
        var triage = await App.AddTriageIncidentAsync("Login errors", "login");
        await App.FireAsync(source, triage, "Login errors", Severity.S2, "login", resolved: true);
        await App.FireAsync(source, triage, "Login latency", Severity.S3, "login", resolved: true);

        var page = await SignInAsync(Ivy);
        var incident = new IncidentPage(page);
        await incident.GotoAsync(triage);

        await Expect(page.Locator("section#alerts")).ToContainTextAsync("All 2 alerts have resolved.");
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Preparation");
        await incident.Now.GetByText("Dismiss as a false alarm, or merge").ClickAsync();
        await Expect(incident.Now.Locator(".triage").GetByLabel("Reason")).ToHaveValueAsync("False alarm");
        await incident.Now.GetByRole(AriaRole.Button, new() { Name = "Dismiss as false alarm" }).ClickAsync();
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Dismissed");
    }

    [Fact]
    public async Task The_alerts_panel_follows_an_acknowledgement_made_elsewhere()
    {
        var source = await App.AddSourceAsync("Prometheus");
        var triage = await App.AddTriageIncidentAsync("High latency on checkout", "checkout");
        var alert = await App.FireAsync(source, triage, "High latency on checkout", Severity.S2, "checkout");
        var page = await SignInAsync(Ivy);
        var incident = new IncidentPage(page);
        await incident.GotoAsync(triage);
        await WaitForLiveAsync(page);
        var panel = page.Locator("section#alerts");
        await Expect(panel).ToContainTextAsync("1 alert, 1 firing");

        await Api.AcknowledgeAlertAsync(alert);

        await Expect(panel).ToContainTextAsync("1 alert, 1 acknowledged", new() { Timeout = LiveTimeoutMs });
        await Expect(panel.Locator(".badge.alert-acknowledged")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_responder_may_declare_but_is_not_offered_dismissing_or_merging()
    {
        var source = await App.AddSourceAsync("Prometheus");
        var triage = await App.AddTriageIncidentAsync("High latency on checkout", "checkout");
        await App.FireAsync(source, triage, "High latency on checkout", Severity.S2, "checkout");

        var page = await SignInAsync(Rita);
        var incident = new IncidentPage(page);
        await incident.GotoAsync(triage);

        await Expect(incident.Now.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true })).ToBeVisibleAsync();
        await Expect(incident.Now.Locator(".triage-more")).ToHaveCountAsync(0);
    }
}
