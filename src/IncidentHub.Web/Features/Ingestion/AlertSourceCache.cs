using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// Alert sources recently addressed, by id: every delivery reads its source (secret, settings) before anything else,
/// and that read was one of a dozen round trips per delivery (docs/benchmarks.md). A change to a source's settings,
/// secret or state raises <see cref="ApiTokenCache.Channel"/> (a trigger on alert_sources), so it applies as soon as
/// an API token's would. The sources kept are shared by concurrent deliveries: they are read untracked and must never
/// be changed; a delivery that changes its source reads its own copy.
/// </summary>
public sealed class AlertSourceCache(TimeProvider clock) : CredentialCache<Guid, AlertSource>(clock)
{
    public async Task<AlertSource?> FindAsync(IncidentHubDbContext db, Guid sourceId, CancellationToken cancellationToken)
    {
        if (TryGet(sourceId, out var kept))
        {
            return kept;
        }

        var readAt = Generation;
        var found = await db.AlertSources.AsNoTracking()
            .SingleOrDefaultAsync(source => source.Id == sourceId, cancellationToken);
        if (found is not null)
        {
            Keep(sourceId, found, readAt);
        }

        return found;
    }
}
