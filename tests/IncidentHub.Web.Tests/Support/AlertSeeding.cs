using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Support;

/// <summary>
/// Alerts stored through the domain, as ingestion would leave them: the triage tests need alerts, not the
/// formats they arrive in.
/// </summary>
public static class AlertSeeding
{
    public static async Task<Guid> AddSourceAsync(this AppFixture app, string name = "Prometheus")
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var source = AlertSource.Create(
            new AlertSourceSettings { Name = name, Kind = AlertSourceKind.Alertmanager },
            new string('0', 64),
            "ihs_test",
            app.Clock.GetUtcNow());
        db.AlertSources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    /// <summary>A firing alert on the incident, received at <paramref name="receivedAt"/> (default now).</summary>
    public static async Task<Guid> FireAsync(
        this AppFixture app,
        Guid sourceId,
        long incidentNumber,
        string title,
        Severity severity = Severity.S2,
        string? service = "checkout",
        DateTimeOffset? receivedAt = null,
        AlertStatus status = AlertStatus.Firing,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var incidentId = await db.Incidents.Where(incident => incident.Number == incidentNumber)
            .Select(incident => incident.Id).SingleAsync();
        var at = receivedAt ?? app.Clock.GetUtcNow();
        var alert = Alert.Fire(
            sourceId,
            new AlertSignal
            {
                Fingerprint = Guid.NewGuid().ToString("N"),
                Action = AlertAction.Fire,
                GroupKey = "group",
                GroupName = $"{{alertname=\"{title}\"}}",
                Title = title,
                Severity = severity,
                Service = service,
                Labels = new Dictionary<string, string> { ["alertname"] = title, ["severity"] = "critical" },
                Annotations = annotations ?? new Dictionary<string, string> { ["summary"] = title },
                Links = [new AlertLink("https://prometheus.example.com/graph?g0.expr=up", "Source")],
                StartsAt = at.AddMinutes(-1),
            },
            incidentId,
            openedIncident: false,
            at);
        if (status == AlertStatus.Acknowledged)
        {
            alert.Acknowledge("Someone", at);
        }
        else if (status == AlertStatus.Resolved)
        {
            alert.Resolve(null, at);
        }

        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }
}
