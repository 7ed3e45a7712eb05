using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Incidents;

public sealed record SeverityChangeView(
    Severity? From, Severity To, string? Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>An incident's severity changes, newest first (the last <see cref="Limit"/>).</summary>
public sealed record GetSeverityHistory(long Number, int Limit = 20) : IQuery<IReadOnlyList<SeverityChangeView>>;

public sealed class GetSeverityHistoryHandler(IncidentHubDbContext db)
    : IQueryHandler<GetSeverityHistory, IReadOnlyList<SeverityChangeView>>
{
    public async ValueTask<IReadOnlyList<SeverityChangeView>> Handle(
        GetSeverityHistory query, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentIdOfAsync(query.Number, cancellationToken);
        return await db.SeverityChanges.AsNoTracking().Where(change => change.IncidentId == incidentId)
            .OrderByDescending(change => change.ChangedAt)
            .ThenByDescending(change => change.Id)
            .Take(Math.Clamp(query.Limit, 1, Cursor.MaxLimit))
            .Select(change =>
                new SeverityChangeView(change.From, change.To, change.Reason, change.ChangedByName, change.ChangedAt))
            .ToListAsync(cancellationToken);
    }
}
