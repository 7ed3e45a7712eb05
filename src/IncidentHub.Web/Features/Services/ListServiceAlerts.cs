using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

public sealed record ServiceAlertView(
    Guid Id, AlertStatus Status, Severity Severity, string Title, DateTimeOffset LastReceivedAt);

/// <summary>
/// A service's alerts for its page: firing and acknowledged ones first, then the most recently resolved, the
/// newest first within each; at most <see cref="Limit"/>.
/// </summary>
public sealed record ListServiceAlerts(string Slug, int Limit = 50) : IQuery<IReadOnlyList<ServiceAlertView>>;

public sealed class ListServiceAlertsHandler(IncidentHubDbContext db)
    : IQueryHandler<ListServiceAlerts, IReadOnlyList<ServiceAlertView>>
{
    public async ValueTask<IReadOnlyList<ServiceAlertView>> Handle(
        ListServiceAlerts query, CancellationToken cancellationToken) =>
        await db.Alerts.AsNoTracking()
            .Where(alert => alert.Service == query.Slug)
            .OrderBy(alert => alert.Status == AlertStatus.Resolved)
            .ThenByDescending(alert => alert.LastReceivedAt)
            .ThenBy(alert => alert.Id)
            .Take(query.Limit)
            .Select(alert => new ServiceAlertView(
                alert.Id, alert.Status, alert.Severity, alert.Title, alert.LastReceivedAt))
            .ToListAsync(cancellationToken);
}
