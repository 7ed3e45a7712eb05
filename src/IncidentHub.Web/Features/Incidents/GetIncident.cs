using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>One incident: details, current roles, milestones, TTD/TTM/TTR and what blocks its next phase.</summary>
public sealed record GetIncident(long Number) : IQuery<IncidentView>;

public sealed class GetIncidentHandler(IncidentHubDbContext db, TimeProvider clock) : IQueryHandler<GetIncident, IncidentView>
{
    public async ValueTask<IncidentView> Handle(GetIncident query, CancellationToken cancellationToken)
    {
        // The aggregate itself, loaded without tracking, so that blockers come from the same rules that refuse changes.
        var incident = await db.Incidents.AsNoTracking().WithRulesState()
            .SingleOrDefaultAsync(candidate => candidate.Number == query.Number, cancellationToken)
            ?? throw new NotFoundException($"There is no incident {Incident.FormatNumber(query.Number)}.");
        return IncidentView.From(incident, clock.GetUtcNow());
    }
}
