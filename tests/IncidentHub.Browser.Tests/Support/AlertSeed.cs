using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>
/// Alerts and the incidents they open, stored through the domain as ingestion leaves them: the triage tests are
/// about what people do with alerts, not the formats alerts arrive in.
/// </summary>
public static class AlertSeed
{
    public static async Task<Guid> AddSourceAsync(this BrowserFixture app, string name)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var source = AlertSource.Create(
            new AlertSourceSettings { Name = name, Kind = AlertSourceKind.Alertmanager },
            new string('0', 64),
            "ihs_test",
            DateTimeOffset.UtcNow);
        db.AlertSources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    /// <summary>An incident awaiting triage, as an alert opens it: Preparation, from monitoring.</summary>
    public static async Task<long> AddTriageIncidentAsync(this BrowserFixture app, string title, string service)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var incident = Incident.Draft(
            new NewIncident { Title = title, Source = IncidentSource.Monitoring, Severity = Severity.S2, Services = [service] },
            new Actor(null, "Prometheus"),
            DateTimeOffset.UtcNow);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Number;
    }

    public static async Task<Guid> FireAsync(
        this BrowserFixture app,
        Guid sourceId,
        long incidentNumber,
        string title,
        Severity severity,
        string service,
        bool resolved = false)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var incidentId = await db.Incidents.Where(incident => incident.Number == incidentNumber)
            .Select(incident => incident.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var alert = Alert.Fire(
            sourceId,
            new AlertSignal
            {
                Fingerprint = Guid.NewGuid().ToString("N"),
                Action = AlertAction.Fire,
                GroupKey = incidentNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                GroupName = $"{{alertname=\"{title}\"}}",
                Title = title,
                Severity = severity,
                Service = service,
                Labels = new Dictionary<string, string> { ["alertname"] = title, ["service"] = service },
                Annotations = new Dictionary<string, string>
                {
                    ["summary"] = title,
                    ["runbook_url"] = $"https://runbooks.example.com/{service}",
                },
                Links = [new AlertLink("https://prometheus.example.com/graph?g0.expr=up", "Source")],
                StartsAt = now.AddMinutes(-2),
            },
            incidentId,
            openedIncident: false,
            now);
        if (resolved)
        {
            alert.Resolve(null, now);
        }

        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }
}
