using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Reviews;
using IncidentHub.Web.Security;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>
/// A command that changes one incident, named by its number, optionally only if it is still at a given version.
/// </summary>
public interface IIncidentCommand
{
    long Number { get; }

    uint? ExpectedVersion { get; }
}

/// <summary>
/// The shape every incident change takes: lock and load the incident, apply one domain method as
/// the current actor at the current time, give a review that became needed its due date, save.
/// </summary>
public sealed class IncidentChanges(
    IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock, IOptions<ReviewOptions> reviews)
{
    public async Task<Incident> ApplyAsync(
        IIncidentCommand command, Action<Incident, Actor, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var incident = await db.LoadForChangeAsync(command.Number, command.ExpectedVersion, cancellationToken);
        var actor = currentUser.Actor;
        change(incident, actor, clock.GetUtcNow());
        incident.ScheduleReview(reviews.Value.DueDays);
        await db.SaveChangesAsync(cancellationToken);
        return incident;
    }

    public async Task<IncidentView> ApplyAndViewAsync(
        IIncidentCommand command,
        Action<Incident, Actor, DateTimeOffset> change,
        CancellationToken cancellationToken) =>
        IncidentView.From(await ApplyAsync(command, change, cancellationToken), clock.GetUtcNow());
}
