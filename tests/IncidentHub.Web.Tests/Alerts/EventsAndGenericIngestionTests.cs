using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Alerts;

public sealed class EventsAndGenericIngestionTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task An_events_v2_trigger_acknowledge_and_resolve_follow_one_alert_by_its_dedup_key()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Events);
        var trigger = (await Client.SendRawAsync(source, """
            {
              "routing_key": "R0123456789ABCDEF0123456789ABCDEF",
              "event_action": "trigger",
              "dedup_key": "db-disk-7",
              "payload": {
                "summary": "Disk on db-7 is 95% full",
                "source": "db-7.example.com",
                "severity": "error",
                "timestamp": "2026-03-02T08:58:00.000+0000",
                "component": "postgres",
                "group": "prod-datapipe",
                "class": "disk",
                "custom_details": {"free space": "1%", "ping time": 1500, "service": "Data Pipeline"}
              },
              "links": [{"href": "https://grafana.example.com/d/db", "text": "Dashboard"}],
              "images": [{"src": "https://chart.example.com/disk.png", "href": "https://chart.example.com/", "alt": "Disk"}],
              "client": "Sample Monitoring Service",
              "client_url": "https://monitoring.example.com"
            }
            """)).Is(HttpStatusCode.Accepted);
        Assert.Equal("success", trigger.Json["status"]!.GetValue<string>());
        Assert.Equal("Event processed", trigger.Json["message"]!.GetValue<string>());
        Assert.Equal("db-disk-7", trigger.Json["dedup_key"]!.GetValue<string>());

        await using (var db = App.Factory.CreateDbContext())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal("Disk on db-7 is 95% full", alert.Title);
            Assert.Equal(Severity.S3, alert.Severity);
            Assert.Equal("data-pipeline", alert.Service);
            Assert.Equal("1500", alert.Annotations["ping time"]);
            Assert.Equal(["Dashboard", "Disk", "Sample Monitoring Service"], alert.Links.Select(link => link.Text));
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 58, 0, TimeSpan.Zero), alert.StartsAt);
        }

        (await Client.SendRawAsync(source, """{"event_action": "acknowledge", "dedup_key": "db-disk-7"}"""))
            .Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Equal(AlertStatus.Acknowledged, (await db.Alerts.SingleAsync()).Status);
        }

        (await Client.SendRawAsync(source, """{"event_action": "resolve", "dedup_key": "db-disk-7"}"""))
            .Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal(AlertStatus.Resolved, alert.Status);
            Assert.Equal(3, alert.TimesReceived);
        }
    }

    [Fact]
    public async Task A_trigger_without_a_dedup_key_gets_one_back()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Events);
        var reply = (await Client.SendRawAsync(source,
            """{"event_action": "trigger", "payload": {"summary": "CPU high", "source": "web-1", "severity": "critical"}}"""))
            .Is(HttpStatusCode.Accepted);
        var key = reply.Json["dedup_key"]!.GetValue<string>();
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(key, (await db.Alerts.SingleAsync()).Fingerprint);
        Assert.Equal(Severity.S1, (await db.Incidents.SingleAsync()).Severity);
    }

    [Fact]
    public async Task Events_group_by_service_and_summary_by_default()
    {
        var source = await App.CreateSourceAsync(
            AlertSourceKind.Events, new AlertSourceSettings { DefaultService = "Web Shop" });
        foreach (var (key, summary) in new[] { ("a", "CPU high"), ("b", "CPU high"), ("c", "Memory high") })
        {
            (await Client.SendRawAsync(source, $$$"""
                {"event_action": "trigger", "dedup_key": "{{{key}}}", "payload": {"summary": "{{{summary}}}", "source": "h", "severity": "warning"}}
                """)).Is(HttpStatusCode.Accepted);
        }

        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(2, await db.Incidents.CountAsync());
        Assert.Equal(3, await db.Alerts.CountAsync(alert => alert.Service == "web-shop"));
    }

    [Fact]
    public async Task Generic_json_opens_an_incident_and_its_end_time_resolves_it()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        (await Client.SendRawAsync(source, """
            {"title": "Queue backlog over 10k", "description": "Consumers are stuck", "severity": "high",
             "service": "orders", "fingerprint": "orders-backlog", "start_time": "2026-03-02T08:50:00Z",
             "monitoring_tool": "cron check", "hosts": ["worker-1", "worker-2"],
             "runbook_url": "https://runbooks.example.com/orders", "anything_else": {"kept": "out"}}
            """)).Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal(Severity.S2, alert.Severity);
            Assert.Equal("orders", alert.Service);
            Assert.Equal("worker-1, worker-2", alert.Labels["hosts"]);
            Assert.Equal("https://runbooks.example.com/orders", alert.Links.Single().Href);
            Assert.Equal("Consumers are stuck", alert.Description);
        }

        (await Client.SendRawAsync(source, """
            {"title": "Queue backlog over 10k", "service": "orders", "fingerprint": "orders-backlog",
             "end_time": "2026-03-02T08:59:00Z"}
            """)).Is(HttpStatusCode.Accepted);
        await using (var db = App.Factory.CreateDbContext())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal(AlertStatus.Resolved, alert.Status);
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 59, 0, TimeSpan.Zero), alert.EndsAt);
        }
    }

    [Fact]
    public async Task Generic_alerts_without_a_fingerprint_repeat_rather_than_multiply()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        for (var run = 0; run < 3; run++)
        {
            (await Client.SendRawAsync(source, """{"title": "Backup failed", "service": "backups", "severity": "low"}"""))
                .Is(HttpStatusCode.Accepted);
        }

        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(3, (await db.Alerts.SingleAsync()).TimesReceived);
        Assert.Equal(Severity.S4, (await db.Incidents.SingleAsync()).Severity);
    }
}
