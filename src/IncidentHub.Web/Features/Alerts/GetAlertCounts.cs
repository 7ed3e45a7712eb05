using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Alerts;

/// <summary>How many alerts an incident holds, by status: "3 alerts, 1 firing", or "all 3 have resolved".</summary>
public sealed record AlertCounts(int Firing, int Acknowledged, int Resolved)
{
    public int Total => Firing + Acknowledged + Resolved;

    public bool AllResolved => Total > 0 && Resolved == Total;
}

public sealed record GetAlertCounts(long Number) : IQuery<AlertCounts>;

public sealed class GetAlertCountsHandler(IncidentHubDbContext db) : IQueryHandler<GetAlertCounts, AlertCounts>
{
    public async ValueTask<AlertCounts> Handle(GetAlertCounts query, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentIdOfAsync(query.Number, cancellationToken);
        var counts = await db.Alerts.Where(alert => alert.IncidentId == incidentId)
            .GroupBy(alert => alert.Status)
            .Select(group => new { Status = group.Key, Count = group.Count() })
            .ToDictionaryAsync(group => group.Status, group => group.Count, cancellationToken);
        return new AlertCounts(
            counts.GetValueOrDefault(AlertStatus.Firing),
            counts.GetValueOrDefault(AlertStatus.Acknowledged),
            counts.GetValueOrDefault(AlertStatus.Resolved));
    }
}
