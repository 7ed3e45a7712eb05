using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentHub.Domain;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Alerts;

/// <summary>
/// Debian's Alertmanager, started per test, delivering to the app on a real loopback port over plain HTTP (the API
/// needs no HTTPS; the Bearer secret is the source's). The app runs on the real clock, as Alertmanager does.
/// </summary>
public sealed class RealAlertmanagerTests(AppFixture app) : AppTest(app), IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<Alertmanager> alertmanagers = [];
    private IncidentHubFactory listening = null!;
    private Uri address = null!;
    private TestSource source = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        listening = new IncidentHubFactory(App.ConnectionString, TimeProvider.System);
        listening.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        listening.StartServer();
        address = new Uri(listening.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First());
        source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var alertmanager in alertmanagers)
        {
            await alertmanager.DisposeAsync();
        }

        await listening.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task Two_firing_alerts_of_one_group_arrive_as_one_preparation_incident()
    {
        var alertmanager = await StartAlertmanagerAsync();
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-2);

        await alertmanager.PostAlertsAsync(
            Alert("HighLatency", "checkout", "web-1", "critical", startsAt),
            Alert("HighLatency", "checkout", "web-2", "warning", startsAt));

        var alerts = await WaitForAlertsAsync(alerts => alerts.Count == 2);
        await using var db = App.Factory.CreateDbContext();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal(Phase.Preparation, incident.Phase);
        Assert.Equal(IncidentSource.Monitoring, incident.Source);
        Assert.Equal(Severity.S1, incident.Severity);
        Assert.Equal(["checkout"], incident.Services);
        Assert.All(alerts, alert => Assert.Equal(incident.Id, alert.IncidentId));
        Assert.Equal(
            [Severity.S1, Severity.S4],
            alerts.OrderBy(alert => alert.Labels["instance"], StringComparer.Ordinal).Select(alert => alert.Severity));
        Assert.All(alerts, alert => Assert.Equal("checkout", alert.Service));
        Assert.All(alerts, alert => Assert.Equal(startsAt.ToStored(), alert.StartsAt));
        Assert.All(alerts, alert => Assert.Contains(
            alert.Links, link => link.Href.StartsWith("http://prometheus.example.com", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_repeat_is_counted_on_the_alert_and_makes_no_second_alert_or_incident()
    {
        // Longer than the window in which a second delivery counts as a copy (10 s): this one is a repeat.
        var alertmanager = await StartAlertmanagerAsync(repeatInterval: TimeSpan.FromSeconds(12));
        var firing = Alert("DiskFull", "storage", "db-1", "high", DateTimeOffset.UtcNow.AddMinutes(-1));
        await alertmanager.PostAlertsAsync(firing);
        await WaitForAlertsAsync(alerts => alerts.Count == 1);

        // Prometheus re-posts a firing alert every evaluation; Alertmanager re-notifies after repeat_interval.
        await alertmanager.PostAlertsAsync(firing);
        var alert = Assert.Single(await WaitForAlertsAsync(alerts => alerts.Any(alert => alert.TimesReceived >= 2)));

        Assert.Equal(AlertStatus.Firing, alert.Status);
        Assert.Equal(Severity.S2, alert.Severity);
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(alert.IncidentId, (await db.Incidents.SingleAsync()).Id);
        var notes = await db.TimelineEvents.Where(entry => entry.Kind == TimelineEventKind.Alert)
            .Select(entry => entry.Text).ToListAsync();
        Assert.Single(notes, text => text.Contains("still firing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_posted_with_an_end_in_the_past_resolves_without_moving_the_incident()
    {
        var alertmanager = await StartAlertmanagerAsync();
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await alertmanager.PostAlertsAsync(Alert("QueueBacklog", "billing", "worker-1", "critical", startsAt));
        await WaitForAlertsAsync(alerts => alerts.Count == 1);

        var endsAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await alertmanager.PostAlertsAsync(Alert("QueueBacklog", "billing", "worker-1", "critical", startsAt, endsAt));
        var alert = Assert.Single(
            await WaitForAlertsAsync(alerts => alerts.All(alert => alert.Status == AlertStatus.Resolved)));

        Assert.Equal(endsAt.ToStored(), alert.EndsAt);
        await using var db = App.Factory.CreateDbContext();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal(Phase.Preparation, incident.Phase);
        var notes = await db.TimelineEvents
            .Where(entry => entry.IncidentId == incident.Id && entry.Kind == TimelineEventKind.Alert)
            .Select(entry => entry.Text).ToListAsync();
        Assert.Contains(notes, text => text.StartsWith("Alert ", StringComparison.Ordinal)
            && text.EndsWith(" resolved.", StringComparison.Ordinal));
        Assert.Contains("Its only alert has resolved.", notes);
    }

    [Fact]
    public async Task Two_alertmanagers_sending_the_same_group_at_once_make_one_incident_and_one_alert_per_fingerprint()
    {
        var replicas = await Task.WhenAll(StartAlertmanagerAsync(), StartAlertmanagerAsync());
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        object[] firing =
        [
            Alert("ErrorRate", "payments", "api-1", "critical", startsAt),
            Alert("ErrorRate", "payments", "api-2", "critical", startsAt),
            Alert("ErrorRate", "payments", "api-3", "warning", startsAt),
        ];

        // Prometheus sends every alert to every Alertmanager of an HA pair; each sends the notification.
        await Task.WhenAll(replicas.Select(replica => replica.PostAlertsAsync(firing)));

        var alerts = await WaitForAlertsAsync(
            alerts => alerts.Count >= 3 && alerts.All(alert => alert.TimesReceived >= 2));
        Assert.Equal(3, alerts.Count);
        Assert.Equal(3, alerts.Select(alert => alert.Fingerprint).Distinct().Count());
        await using var db = App.Factory.CreateDbContext();
        var incident = await db.Incidents.SingleAsync();
        Assert.All(alerts, alert => Assert.Equal(incident.Id, alert.IncidentId));
    }

    private async Task<Alertmanager> StartAlertmanagerAsync(TimeSpan? repeatInterval = null)
    {
        var alertmanager = await Alertmanager.StartAsync(new Uri(address, source.Path), source.Secret, repeatInterval);
        lock (alertmanagers)
        {
            alertmanagers.Add(alertmanager);
        }

        return alertmanager;
    }

    /// <summary>The source's alerts once they satisfy the condition; fails with Alertmanager's log after 30 s.
    /// </summary>
    private async Task<List<Domain.Alert>> WaitForAlertsAsync(Func<List<Domain.Alert>, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        List<Domain.Alert> alerts;
        do
        {
            await using var db = App.Factory.CreateDbContext();
            alerts = await db.Alerts.AsNoTracking().Where(alert => alert.SourceId == source.Id).ToListAsync();
            if (alerts.Count > 0 && condition(alerts))
            {
                return alerts;
            }

            await Task.Delay(100);
        }
        while (waited.Elapsed < Patience);

        var held = alerts.Select(alert => $"{alert.Fingerprint} {alert.Status} x{alert.TimesReceived}");
        Assert.Fail($"After {Patience.TotalSeconds} s the source holds {alerts.Count} alerts "
            + $"({string.Join(", ", held)}). "
            + "Alertmanager said:\n" + string.Join("\n", alertmanagers.Select(alertmanager => alertmanager.Log)));
        return alerts;
    }

    /// <summary>An alert as Prometheus posts it to Alertmanager's API v2.</summary>
    private static object Alert(
        string name, string service, string instance, string severity, DateTimeOffset startsAt,
        DateTimeOffset? endsAt = null)
    {
        var alert = new Dictionary<string, object>
        {
            ["labels"] = new Dictionary<string, string>
            {
                ["alertname"] = name,
                ["service"] = service,
                ["instance"] = instance,
                ["severity"] = severity,
            },
            ["annotations"] = new Dictionary<string, string>
            {
                ["summary"] = $"{name} on {instance}",
                ["runbook_url"] = "https://runbooks.example.com/" + name,
            },
            ["startsAt"] = startsAt.ToString("O", CultureInfo.InvariantCulture),
            ["generatorURL"] = "http://prometheus.example.com:9090/graph?g0.expr=up",
        };

        // Without an end, Alertmanager keeps the alert firing for resolve_timeout (5 min) after its last post.
        if (endsAt is { } end)
        {
            alert["endsAt"] = end.ToString("O", CultureInfo.InvariantCulture);
        }

        return alert;
    }
}
