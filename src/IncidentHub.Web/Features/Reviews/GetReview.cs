using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Timeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>
/// The whole review of one incident in the sections of GitLab's template: what the incident was (services, teams,
/// minutes of degradation), what the review says, the milestones with the entries people starred, the corrective
/// actions. The Markdown export and the printable page are written from it.
/// </summary>
public sealed record GetReview(long Number) : IQuery<ReviewDocument>;

public sealed record ReviewPersonView(Guid Id, string DisplayName);

public sealed record ReviewMilestoneView(string Name, DateTimeOffset At);

public sealed record StarredEntryView(TimelineEntryView Entry, string StarredBy, DateTimeOffset StarredAt);

public sealed record ReviewActionView(
    Guid Id,
    string Title,
    CorrectiveActionKind Kind,
    CorrectiveActionStatus Status,
    string? OwnerName,
    DateOnly? DueDate,
    string? TrackerUrl);

public sealed record ReviewDocument(
    long Number,
    string Reference,
    string Title,
    string? Summary,
    Phase Phase,
    Severity? Severity,
    IncidentSource? Source,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Teams,
    ReviewStatusView Status,
    ReviewPersonView? Owner,
    DateTimeOffset? ImpactStartedAt,
    DateTimeOffset? DetectedAt,
    double? TimeToDetectSeconds,
    double? TimeToRespondSeconds,
    double? TimeToMitigateSeconds,
    double? TimeToResolveSeconds,
    ReviewView? Review,
    IReadOnlyList<ReviewMilestoneView> Milestones,
    IReadOnlyList<StarredEntryView> Starred,
    IReadOnlyList<ReviewActionView> CorrectiveActions,
    string? NoCorrectiveActionsReason,
    uint Version);

public sealed class GetReviewHandler(IncidentHubDbContext db, TimeProvider clock) : IQueryHandler<GetReview, ReviewDocument>
{
    public async ValueTask<ReviewDocument> Handle(GetReview query, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking()
            .Include(candidate => candidate.CorrectiveActions)
            .SingleOrDefaultAsync(candidate => candidate.Number == query.Number, cancellationToken)
            ?? throw new NotFoundException($"There is no incident {Incident.FormatNumber(query.Number)}.");
        var personIds = incident.CorrectiveActions.Select(action => action.OwnerId)
            .Append(incident.ReviewOwnerId).OfType<Guid>().Distinct().ToList();
        var names = await db.People.AsNoTracking()
            .Where(person => personIds.Contains(person.Id))
            .ToDictionaryAsync(person => person.Id, person => person.DisplayName, cancellationToken);
        var teams = await db.Services.AsNoTracking()
            .Where(service => incident.Services.Contains(service.Slug) && service.OwnerTeam != null)
            .Select(service => service.OwnerTeam!)
            .Distinct()
            .OrderBy(team => team)
            .ToListAsync(cancellationToken);
        var starred = await (
                from star in db.Set<TimelineStar>().AsNoTracking()
                join entry in db.TimelineEvents.AsNoTracking() on star.TimelineEventId equals entry.Id
                where star.IncidentId == incident.Id
                orderby entry.OccurredAt, entry.Id
                select new { Entry = entry, star.StarredByName, star.StarredAt })
            .ToListAsync(cancellationToken);

        return new ReviewDocument(
            incident.Number,
            incident.Reference,
            incident.Title,
            incident.Summary,
            incident.Phase,
            incident.Severity,
            incident.Source,
            incident.Services,
            teams,
            ReviewStatusView.From(incident, clock.GetUtcNow()),
            incident.ReviewOwnerId is { } ownerId && names.TryGetValue(ownerId, out var ownerName)
                ? new ReviewPersonView(ownerId, ownerName)
                : null,
            incident.EffectiveImpactStartedAt,
            incident.EffectiveDetectedAt,
            incident.TimeToDetect?.TotalSeconds,
            incident.TimeToRespond?.TotalSeconds,
            incident.TimeToMitigate?.TotalSeconds,
            incident.TimeToResolve?.TotalSeconds,
            ReviewView.From(incident.Review),
            Milestones(incident),
            [.. starred.Select(star => new StarredEntryView(TimelineEntryView.From(star.Entry), star.StarredByName, star.StarredAt))],
            [.. incident.CorrectiveActions.OrderBy(action => action.CreatedAt).Select(action => new ReviewActionView(
                action.Id, action.Title, action.Kind, action.Status,
                action.OwnerId is { } id && names.TryGetValue(id, out var name) ? name : null,
                action.DueDate, action.TrackerUrl))],
            incident.NoCorrectiveActionsReason,
            incident.Version);
    }

    /// <summary>The milestones the incident reached, in time order; impact and detection as the review counts them.</summary>
    private static List<ReviewMilestoneView> Milestones(Incident incident)
    {
        (string Name, DateTimeOffset? At)[] milestones =
        [
            ("Impact started", incident.EffectiveImpactStartedAt),
            ("Detected", incident.EffectiveDetectedAt),
            ("Declared", incident.DeclaredAt),
            ("Investigation started", incident.InvestigationStartedAt),
            ("Containment started", incident.ContainmentStartedAt),
            ("Mitigated", incident.MitigatedAt),
            ("Resolved", incident.ResolvedAt),
            ("Learnings started", incident.LearningsStartedAt),
            ("Closed", incident.ClosedAt),
        ];
        return [.. milestones
            .Where(milestone => milestone.At is not null)
            .Select(milestone => new ReviewMilestoneView(milestone.Name, milestone.At!.Value))
            .OrderBy(milestone => milestone.At)];
    }
}
