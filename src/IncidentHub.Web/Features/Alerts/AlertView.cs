using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Alerts;

/// <summary>One row of an alert list: enough to triage it at a glance.</summary>
public sealed record AlertListItem
{
    public required Guid Id { get; init; }

    public required AlertStatus Status { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public required string? Service { get; init; }

    public required Guid SourceId { get; init; }

    public required string SourceName { get; init; }

    public required long IncidentNumber { get; init; }

    public required string IncidentTitle { get; init; }

    public required int TimesReceived { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset LastReceivedAt { get; init; }

    public string IncidentReference => Incident.FormatNumber(IncidentNumber);
}

/// <summary>One alert with everything it was sent with and its history.</summary>
public sealed record AlertView
{
    public required Guid Id { get; init; }

    public required AlertStatus Status { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public required string? Description { get; init; }

    public required string? Service { get; init; }

    public required string Fingerprint { get; init; }

    public required Guid SourceId { get; init; }

    public required string SourceName { get; init; }

    public required long IncidentNumber { get; init; }

    public required string IncidentTitle { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    public required IReadOnlyList<AlertLink> Links { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset? EndsAt { get; init; }

    public required DateTimeOffset FirstReceivedAt { get; init; }

    public required DateTimeOffset LastReceivedAt { get; init; }

    public required int TimesReceived { get; init; }

    public required DateTimeOffset? AcknowledgedAt { get; init; }

    public required string? AcknowledgedBy { get; init; }

    public required DateTimeOffset? ResolvedAt { get; init; }

    public string IncidentReference => Incident.FormatNumber(IncidentNumber);
}

public static class AlertViews
{
    public static IQueryable<AlertListItem> ToListItems(this IQueryable<Alert> alerts, IncidentHubDbContext db) =>
        from alert in alerts
        join source in db.AlertSources on alert.SourceId equals source.Id
        join incident in db.Incidents on alert.IncidentId equals incident.Id
        select new AlertListItem
        {
            Id = alert.Id,
            Status = alert.Status,
            Severity = alert.Severity,
            Title = alert.Title,
            Service = alert.Service,
            SourceId = alert.SourceId,
            SourceName = source.Name,
            IncidentNumber = incident.Number,
            IncidentTitle = incident.Title,
            TimesReceived = alert.TimesReceived,
            StartsAt = alert.StartsAt,
            LastReceivedAt = alert.LastReceivedAt,
        };

    public static async Task<AlertView> ViewOfAsync(
        this IncidentHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        await (
            from alert in db.Alerts.AsNoTracking()
            where alert.Id == id
            join source in db.AlertSources on alert.SourceId equals source.Id
            join incident in db.Incidents on alert.IncidentId equals incident.Id
            select new AlertView
            {
                Id = alert.Id,
                Status = alert.Status,
                Severity = alert.Severity,
                Title = alert.Title,
                Description = alert.Description,
                Service = alert.Service,
                Fingerprint = alert.Fingerprint,
                SourceId = alert.SourceId,
                SourceName = source.Name,
                IncidentNumber = incident.Number,
                IncidentTitle = incident.Title,
                Labels = alert.Labels,
                Annotations = alert.Annotations,
                Links = alert.Links,
                StartsAt = alert.StartsAt,
                EndsAt = alert.EndsAt,
                FirstReceivedAt = alert.FirstReceivedAt,
                LastReceivedAt = alert.LastReceivedAt,
                TimesReceived = alert.TimesReceived,
                AcknowledgedAt = alert.AcknowledgedAt,
                AcknowledgedBy = alert.AcknowledgedBy,
                ResolvedAt = alert.ResolvedAt,
            }).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"There is no alert {id}.");
}
