using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>
/// Records an incident in Preparation: an alert awaiting triage, a risky change staged in advance, a draft.
/// </summary>
public sealed record DraftIncident(NewIncident Details) : ICommand<IncidentView>;

public sealed class DraftIncidentValidator : AbstractValidator<DraftIncident>
{
    public DraftIncidentValidator() =>
        RuleFor(command => command.Details).NotNull().SetValidator(new NewIncidentRules());
}

public sealed class DraftIncidentHandler(IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<DraftIncident, IncidentView>
{
    public async ValueTask<IncidentView> Handle(DraftIncident command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var incident = Incident.Draft(command.Details, currentUser.Actor, now);
        await db.EnsureListedAsync(command.Details.Services, now, cancellationToken);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        return IncidentView.From(incident, now);
    }
}
