using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>Stars one of the incident's timeline entries for the review's timeline, or takes the star away.</summary>
public sealed record StarTimelineEntry(long Number, uint? ExpectedVersion, long EntryId, bool Starred)
    : ICommand<IncidentView>, IIncidentCommand;

public sealed class StarTimelineEntryHandler(IncidentChanges changes, IncidentHubDbContext db)
    : ICommandHandler<StarTimelineEntry, IncidentView>
{
    public async ValueTask<IncidentView> Handle(StarTimelineEntry command, CancellationToken cancellationToken)
    {
        var entry = await db.TimelineEvents.AsNoTracking()
            .Where(candidate => candidate.Id == command.EntryId)
            .Select(candidate => new { candidate.IncidentId, candidate.Text })
            .SingleOrDefaultAsync(cancellationToken);
        return await changes.ApplyAndViewAsync(
            command,
            (incident, actor, now) =>
            {
                if (entry is null || entry.IncidentId != incident.Id)
                {
                    throw new NotFoundException($"{incident.Reference} has no timeline entry {command.EntryId}.");
                }

                db.Entry(incident).Collection(candidate => candidate.Stars).Load();
                _ = command.Starred
                    ? incident.StarEntry(command.EntryId, entry.Text, actor, now)
                    : incident.UnstarEntry(command.EntryId, entry.Text, actor, now);
            },
            cancellationToken);
    }
}

/// <summary>The ids of an incident's timeline entries starred for the review.</summary>
public sealed record ListStarredEntries(long Number) : IQuery<IReadOnlySet<long>>;

public sealed class ListStarredEntriesHandler(IncidentHubDbContext db) : IQueryHandler<ListStarredEntries, IReadOnlySet<long>>
{
    public async ValueTask<IReadOnlySet<long>> Handle(ListStarredEntries query, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentIdOfAsync(query.Number, cancellationToken);
        return (await db.Set<TimelineStar>().AsNoTracking()
            .Where(star => star.IncidentId == incidentId)
            .Select(star => star.TimelineEventId)
            .ToListAsync(cancellationToken)).ToHashSet();
    }
}
