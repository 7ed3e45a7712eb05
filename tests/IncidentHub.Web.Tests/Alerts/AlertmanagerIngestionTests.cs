using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Alerts;

public sealed class AlertmanagerIngestionTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_new_group_opens_one_preparation_incident_holding_its_alerts()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-7);
        var reply = (await Client.SendAsync(source, AlertSenders.Notification(
            "{}:{alertname=\"HighLatency\"}", "firing",
            AlertSenders.Firing("aaa1", startsAt), AlertSenders.Firing("aaa2", startsAt, severity: "warning"))))
            .Is(HttpStatusCode.Accepted);
        Assert.Equal(2, reply.Json["created"]!.GetValue<int>());
        var number = reply.Json["incidents"]![0]!.GetValue<long>();

        await using var db = App.Factory.CreateDbContext();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal(number, incident.Number);
        Assert.Equal(Phase.Preparation, incident.Phase);
        Assert.Equal(IncidentSource.Monitoring, incident.Source);
        Assert.Equal(Severity.S1, incident.Severity);
        Assert.Equal(["checkout"], incident.Services);
        Assert.Equal("HighLatency on aaa1", incident.Title);
        Assert.Equal(startsAt.ToStored(), incident.ImpactStartedAt);
        Assert.Equal(App.Clock.GetUtcNow().ToStored(), incident.DetectedAt);

        var alerts = await db.Alerts.OrderBy(alert => alert.Fingerprint).ToListAsync();
        Assert.Equal(["aaa1", "aaa2"], alerts.Select(alert => alert.Fingerprint));
        Assert.All(alerts, alert => Assert.Equal(incident.Id, alert.IncidentId));
        Assert.Equal([Severity.S1, Severity.S4], alerts.Select(alert => alert.Severity));
        Assert.Equal("checkout", alerts[0].Labels["service"]);
        Assert.Equal(4, alerts[0].Labels.Count);
        Assert.Equal("https://runbooks.example.com/latency", alerts[0].Annotations["runbook_url"]);
        Assert.All(alerts, alert => Assert.Equal(AlertStatus.Firing, alert.Status));
        Assert.All(alerts, alert => Assert.Equal(source.Id, alert.SourceId));
        Assert.All(alerts, alert => Assert.Equal(startsAt.ToStored(), alert.StartsAt));
        Assert.All(alerts, alert => Assert.Null(alert.EndsAt));
        Assert.All(alerts, alert => Assert.Equal(App.Clock.GetUtcNow().ToStored(), alert.FirstReceivedAt));
        Assert.All(alerts, alert => Assert.Equal(alert.FirstReceivedAt, alert.LastReceivedAt));
        Assert.All(alerts, alert => Assert.Equal(1, alert.TimesReceived));
        Assert.All(alerts, alert => Assert.Equal("checkout", alert.Service));
        Assert.All(alerts, alert => Assert.False(alert.RepeatNoted));
        Assert.Single(alerts, alert => alert.OpenedIncident);
        Assert.Equal("HighLatency on aaa2", alerts[1].Title);
        Assert.Equal(alerts[0].GroupKey, alerts[1].GroupKey);
        Assert.Contains(alerts[0].Links, link => link.Text == "Runbook");
        Assert.Contains(alerts[0].Links, link => link.Href.StartsWith("http://prometheus.example.com", StringComparison.Ordinal));
        Assert.True(await db.Services.AnyAsync(service => service.Slug == "checkout" && service.NeedsReview));

        var entries = await db.TimelineEvents.Where(entry => entry.Kind == TimelineEventKind.Alert).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, entry => Assert.Equal(startsAt.ToStored(), entry.OccurredAt));
    }

    [Fact]
    public async Task Repeats_are_counted_on_the_alert_and_noted_once_on_the_timeline()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-1);
        var notification = AlertSenders.Notification("{}:{a}", "firing", AlertSenders.Firing("rep1", startsAt));
        for (var delivery = 0; delivery < 4; delivery++)
        {
            (await Client.SendAsync(source, notification)).Is(HttpStatusCode.Accepted);
            App.Clock.TickMinutes(4);
        }

        await using var db = App.Factory.CreateDbContext();
        var alert = await db.Alerts.SingleAsync();
        Assert.Equal(4, alert.TimesReceived);
        Assert.Equal(AlertStatus.Firing, alert.Status);
        Assert.Equal(alert.FirstReceivedAt.AddMinutes(12), alert.LastReceivedAt);
        var texts = await db.TimelineEvents.Where(entry => entry.Kind == TimelineEventKind.Alert)
            .Select(entry => entry.Text).ToListAsync();
        Assert.Equal(2, texts.Count);
        Assert.Single(texts, text => text.Contains("still firing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolution_resolves_the_alerts_and_says_so_without_moving_the_incident()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-3);
        await Client.SendAsync(source, AlertSenders.Notification("{}:{r}", "firing",
            AlertSenders.Firing("res1", startsAt), AlertSenders.Firing("res2", startsAt)));
        App.Clock.TickMinutes(5);
        var endsAt = App.Clock.GetUtcNow().AddMinutes(-1);
        (await Client.SendAsync(source, AlertSenders.Notification("{}:{r}", "firing",
            AlertSenders.Resolved("res1", startsAt, endsAt), AlertSenders.Firing("res2", startsAt))))
            .Is(HttpStatusCode.Accepted);

        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Equal(1, await db.Alerts.CountAsync(alert => alert.Status == AlertStatus.Resolved));
            Assert.False(await db.TimelineEvents.AnyAsync(entry => entry.Text.Contains("All 2 alerts")));
        }

        // A second replica's copy of the same resolution changes nothing.
        for (var copy = 0; copy < 2; copy++)
        {
            (await Client.SendAsync(source, AlertSenders.Notification("{}:{r}", "resolved",
                AlertSenders.Resolved("res1", startsAt, endsAt), AlertSenders.Resolved("res2", startsAt, endsAt))))
                .Is(HttpStatusCode.Accepted);
        }

        await using (var db = App.Factory.CreateDbContext())
        {
            var alerts = await db.Alerts.ToListAsync();
            Assert.All(alerts, alert => Assert.Equal(AlertStatus.Resolved, alert.Status));
            Assert.Equal(endsAt.ToStored(), alerts.Single(alert => alert.Fingerprint == "res1").EndsAt);
            Assert.Equal(Phase.Preparation, (await db.Incidents.SingleAsync()).Phase);
            Assert.Single(await db.TimelineEvents.Where(entry => entry.Text.Contains("All 2 alerts")).ToListAsync());
            Assert.Equal(2, await db.TimelineEvents.CountAsync(entry => entry.Text.EndsWith(") resolved.")));
        }
    }

    [Fact]
    public async Task The_same_fingerprint_after_resolution_is_a_new_alert_but_a_late_copy_of_the_old_firing_is_not()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var firstStart = App.Clock.GetUtcNow().AddMinutes(-3);
        await Client.SendAsync(source, AlertSenders.Notification("{}:{f}", "firing", AlertSenders.Firing("fp", firstStart)));
        App.Clock.TickMinutes(2);
        await Client.SendAsync(source, AlertSenders.Notification("{}:{f}", "resolved",
            AlertSenders.Resolved("fp", firstStart, App.Clock.GetUtcNow())));

        // The other replica's firing arrives late: same start, so the same firing.
        (await Client.SendAsync(source, AlertSenders.Notification("{}:{f}", "firing",
            AlertSenders.Firing("fp", firstStart)))).Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Equal(1, await db.Alerts.CountAsync());
        }

        App.Clock.TickMinutes(10);
        var secondStart = App.Clock.GetUtcNow().AddMinutes(-1);
        (await Client.SendAsync(source, AlertSenders.Notification("{}:{f}", "firing",
            AlertSenders.Firing("fp", secondStart)))).Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Equal(2, await db.Alerts.CountAsync());
            Assert.Equal(1, await db.Alerts.CountAsync(alert => alert.Status == AlertStatus.Firing));
            Assert.Equal(1, await db.Incidents.CountAsync());
            Assert.True(await db.TimelineEvents.AnyAsync(entry => entry.Text.Contains("fired again")));
        }
    }

    [Fact]
    public async Task Concurrent_copies_of_a_new_group_make_one_incident_and_one_alert_each()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-1);
        var notification = AlertSenders.Notification("{}:{ha}", "firing",
            AlertSenders.Firing("ha1", startsAt), AlertSenders.Firing("ha2", startsAt), AlertSenders.Firing("ha3", startsAt));
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var client = App.CreateClient();
            return await client.SendAsync(source, notification);
        })));

        Assert.All(replies, reply => reply.Is(HttpStatusCode.Accepted));
        // Whether a copy joined the first delivery in flight or came after it, it says it only counted the alerts.
        var first = Assert.Single(replies, reply => reply.Json["created"]!.GetValue<int>() == 3);
        var copies = replies.Where(reply => reply != first).ToList();
        Assert.All(copies, copy => Assert.Equal(3, copy.Json["updated"]!.GetValue<int>()));
        Assert.All(copies, copy => Assert.Empty(copy.Json["incidents"]!.AsArray()));
        var number = Assert.Single(first.Json["incidents"]!.AsArray())!.GetValue<long>();
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(number, (await db.Incidents.SingleAsync()).Number);
        Assert.Equal(3, await db.Alerts.CountAsync());
        Assert.Equal(24, await db.Alerts.SumAsync(alert => alert.TimesReceived));

        // The copies are counted on the alerts only: the timeline has one entry per alert that fired.
        Assert.Equal(3, await db.TimelineEvents.CountAsync(entry => entry.Kind == TimelineEventKind.Alert));
    }

    [Fact]
    public async Task Alerts_of_an_open_incident_group_join_it_and_a_closed_one_makes_a_new_incident()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-1);
        var first = (await Client.SendAsync(source, AlertSenders.Notification("{}:{g}", "firing",
            AlertSenders.Firing("g1", startsAt)))).Json["incidents"]![0]!.GetValue<long>();
        var joined = (await Client.SendAsync(source, AlertSenders.Notification("{}:{g}", "firing",
            AlertSenders.Firing("g1", startsAt), AlertSenders.Firing("g2", startsAt)))).Json["incidents"]![0]!.GetValue<long>();
        Assert.Equal(first, joined);

        await Client.MoveAsync(first, Phase.Dismissed, reason: "False alarm");
        var next = (await Client.SendAsync(source, AlertSenders.Notification("{}:{g}", "firing",
            AlertSenders.Firing("g3", startsAt)))).Json["incidents"]![0]!.GetValue<long>();
        Assert.NotEqual(first, next);
    }

    [Fact]
    public async Task Beyond_its_rate_a_source_holds_new_groups_in_one_storm_incident()
    {
        var source = await App.CreateSourceAsync(
            AlertSourceKind.Alertmanager, new AlertSourceSettings { MaxNewIncidentsPerMinute = 2 });
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-1);
        for (var group = 0; group < 5; group++)
        {
            (await Client.SendAsync(source, AlertSenders.Notification($"{{}}:{{storm{group}}}", "firing",
                AlertSenders.Firing($"storm{group}", startsAt)))).Is(HttpStatusCode.Accepted);
        }

        await using (var db = App.Factory.CreateDbContext())
        {
            var incidents = await db.Incidents.ToListAsync();
            Assert.Equal(3, incidents.Count);
            var storm = Assert.Single(incidents, incident => incident.Title.StartsWith("Alert storm", StringComparison.Ordinal));
            Assert.Equal(3, await db.Alerts.CountAsync(alert => alert.IncidentId == storm.Id));
        }

        // A minute later the source may open incidents again.
        App.Clock.TickMinutes(2);
        (await Client.SendAsync(source, AlertSenders.Notification("{}:{calm}", "firing",
            AlertSenders.Firing("calm", startsAt)))).Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Equal(4, await db.Incidents.CountAsync());
        }
    }

    [Fact]
    public async Task A_source_may_move_its_incident_to_remediation_once_every_alert_resolved_where_the_exit_rules_allow()
    {
        var source = await App.CreateSourceAsync(
            AlertSourceKind.Alertmanager,
            new AlertSourceSettings { DeclareImmediately = true, MitigateWhenResolved = true });
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-5);
        var unstaffed = await FireOneAsync(source, "unstaffed", startsAt);
        var staffed = await FireOneAsync(source, "staffed", startsAt);
        var engineer = await App.CreateAccountAsync(AccountRole.Responder);
        await Client.AssignAsync(staffed, IncidentRole.EngineerOnCall, engineer.Id);

        App.Clock.TickMinutes(3);
        foreach (var group in new[] { "unstaffed", "staffed" })
        {
            (await Client.SendAsync(source, AlertSenders.Notification($"{{}}:{{{group}}}", "resolved",
                AlertSenders.Resolved(group, startsAt, App.Clock.GetUtcNow())))).Is(HttpStatusCode.Accepted);
        }

        await using var db = App.Factory.CreateDbContext();
        var incidents = await db.Incidents.ToDictionaryAsync(incident => incident.Number);
        Assert.Equal(Phase.Remediation, incidents[staffed].Phase);

        // Leaving Identification needs an Engineer On Call: the incident stays where it is and says why.
        Assert.Equal(Phase.Identification, incidents[unstaffed].Phase);
        var refusal = await db.TimelineEvents.SingleAsync(
            entry => entry.IncidentId == incidents[unstaffed].Id && entry.Text.StartsWith("Not moved to Remediation"));
        Assert.Contains("Engineer On Call", refusal.Text, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<long> FireOneAsync(TestSource source, string group, DateTimeOffset startsAt)
    {
        var reply = (await Client.SendAsync(source, AlertSenders.Notification($"{{}}:{{{group}}}", "firing",
            AlertSenders.Firing(group, startsAt, severity: "warning")))).Is(HttpStatusCode.Accepted);
        return reply.Json["incidents"]![0]!.GetValue<long>();
    }

    [Fact]
    public async Task Concurrent_new_groups_never_open_more_incidents_than_the_limit()
    {
        var source = await App.CreateSourceAsync(
            AlertSourceKind.Alertmanager, new AlertSourceSettings { MaxNewIncidentsPerMinute = 3 });
        var startsAt = App.Clock.GetUtcNow().AddMinutes(-1);
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(group => Client.SendAsync(source,
            AlertSenders.Notification($"{{}}:{{rush{group}}}", "firing", AlertSenders.Firing($"rush{group}", startsAt)))));
        Assert.All(replies, reply => reply.Is(HttpStatusCode.Accepted));

        await using var db = App.Factory.CreateDbContext();
        var incidents = await db.Incidents.ToListAsync();
        Assert.Equal(4, incidents.Count);
        var storm = Assert.Single(incidents, incident => incident.Title.StartsWith("Alert storm", StringComparison.Ordinal));
        Assert.Equal(9, await db.Alerts.CountAsync(alert => alert.IncidentId == storm.Id));
        Assert.Equal(12, await db.Alerts.CountAsync());
    }

    [Fact]
    public async Task A_source_may_declare_at_once()
    {
        var source = await App.CreateSourceAsync(
            AlertSourceKind.Alertmanager, new AlertSourceSettings { DeclareImmediately = true });
        (await Client.SendAsync(source, AlertSenders.Notification("{}:{d}", "firing",
            AlertSenders.Firing("d1", App.Clock.GetUtcNow().AddMinutes(-2))))).Is(HttpStatusCode.Accepted);
        await using var db = App.Factory.CreateDbContext();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal(Phase.Identification, incident.Phase);
        Assert.NotNull(incident.DeclaredAt);
    }

    [Fact]
    public async Task Grafana_alerting_payloads_are_accepted_with_their_extra_fields()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var body = """
            {
              "receiver": "incidenthub", "status": "firing", "orgId": 1,
              "alerts": [{
                "status": "firing",
                "labels": {"alertname": "DiskFull", "grafana_folder": "Infra", "severity": "P2", "service": "Storage API"},
                "annotations": {"summary": "Disk almost full", "description": "95% used"},
                "startsAt": "2026-03-02T08:55:00Z", "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "https://grafana.example.com/alerting/grafana/abc/view",
                "fingerprint": "c6eadffa33fcdf37",
                "silenceURL": "https://grafana.example.com/alerting/silence/new?alertmanager=grafana",
                "dashboardURL": "https://grafana.example.com/d/abc", "panelURL": "https://grafana.example.com/d/abc?viewPanel=1",
                "values": {"B": 95.2, "C": 1}, "valueString": "[ var='B' value=95.2 ]"
              }],
              "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {"alertname": "DiskFull"},
              "commonAnnotations": {}, "externalURL": "https://grafana.example.com/",
              "version": "1", "groupKey": "{}/{}:{alertname=\"DiskFull\"}", "truncatedAlerts": 0,
              "title": "[FIRING:1] DiskFull", "state": "alerting", "message": "**Firing**"
            }
            """.Replace("\"version\": \"1\"", "\"version\": \"4\"", StringComparison.Ordinal);
        (await Client.SendRawAsync(source, body)).Is(HttpStatusCode.Accepted);

        await using var db = App.Factory.CreateDbContext();
        var alert = await db.Alerts.SingleAsync();
        Assert.Equal(Severity.S2, alert.Severity);
        Assert.Equal("storage-api", alert.Service);
        Assert.Equal("Disk almost full", alert.Title);
        Assert.Equal(["Source", "Dashboard", "Panel", "Silence", "Alertmanager"], alert.Links.Select(link => link.Text));
    }
}
