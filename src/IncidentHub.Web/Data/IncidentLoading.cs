using IncidentHub.Domain;
using IncidentHub.Web.Features;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Data;

public static class IncidentLoading
{
    /// <summary>
    /// Loads an incident to change it, holding its row lock until the transaction ends: two writers
    /// of one incident queue instead of overwriting each other, and a stale <paramref name="expectedVersion"/>
    /// is detected against the version that is current once the lock is held.
    /// </summary>
    public static async Task<Incident> LoadForChangeAsync(
        this IncidentHubDbContext db, long number, uint? expectedVersion, CancellationToken cancellationToken)
    {
        // xid has no direct mapping for a scalar query: read it as text, as the ETag shows it.
        var versions = await db.Database
            .SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM incidents WHERE number = {number} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw new NotFoundException($"There is no incident {Incident.FormatNumber(number)}.");
        }

        if (expectedVersion is { } expected
            && versions[0] != expected.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new PreconditionFailedException(
                $"{Incident.FormatNumber(number)} was changed by someone else since you read it. "
                + "Read it again and retry.");
        }

        return await db.Incidents
            .WithRulesState()
            .SingleAsync(incident => incident.Number == number, cancellationToken);
    }

    /// <summary>What the exit rules read: the current role holders, the corrective actions and the linked ones.</summary>
    public static IQueryable<Incident> WithRulesState(this IQueryable<Incident> incidents) => incidents
        .Include(incident => incident.RoleAssignments.Where(assignment => assignment.Until == null))
        .Include(incident => incident.CorrectiveActions)
        .Include(incident => incident.LinkedActions)
        .AsSingleQuery();

    public static async Task<Guid> IncidentIdOfAsync(
        this IncidentHubDbContext db, long number, CancellationToken cancellationToken) =>
        await db.Incidents
            .Where(incident => incident.Number == number)
            .Select(incident => (Guid?)incident.Id)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"There is no incident {Incident.FormatNumber(number)}.");
}
