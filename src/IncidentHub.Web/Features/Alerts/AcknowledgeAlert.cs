using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Alerts;

/// <summary>
/// Someone is looking at a firing alert. Acknowledging one that is already acknowledged or resolved changes
/// nothing and answers with the alert as it is: two people pressing the button at once both succeed.
/// </summary>
public sealed record AcknowledgeAlert(Guid Id) : ICommand<AlertView>;

public sealed class AcknowledgeAlertHandler(IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AcknowledgeAlert, AlertView>
{
    public async ValueTask<AlertView> Handle(AcknowledgeAlert command, CancellationToken cancellationToken)
    {
        // The incident's row lock is taken first, as every writer of the incident does; a merge moves the alert
        // only while holding it, so once the lock is held the alert stays where it was found. A merge between the
        // look-up and the lock moves it once: look again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var number = await db.Alerts.Where(alert => alert.Id == command.Id)
                .Join(db.Incidents, alert => alert.IncidentId, incident => incident.Id, (_, incident) => (long?)incident.Number)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no alert {command.Id}.");
            var incident = await db.LoadForChangeAsync(number, null, cancellationToken);
            var alert = await db.Alerts.SingleAsync(candidate => candidate.Id == command.Id, cancellationToken);
            if (alert.IncidentId != incident.Id)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            var now = clock.GetUtcNow();
            var actor = currentUser.Actor;
            if (alert.Acknowledge(actor.Name, now))
            {
                incident.RecordAlert($"Acknowledged the alert {alert.Describe()}.", null, actor, now);
                await db.SaveChangesAsync(cancellationToken);
            }

            return await db.ViewOfAsync(command.Id, cancellationToken);
        }

        throw new InvalidOperationException($"The alert {command.Id} kept moving between incidents.");
    }
}
