using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>A problem was identified through a source: the incident is declared and enters Identification.</summary>
public sealed record DeclareIncident(NewIncident Details) : ICommand<IncidentView>;

public sealed class DeclareIncidentValidator : AbstractValidator<DeclareIncident>
{
    public DeclareIncidentValidator()
    {
        RuleFor(command => command.Details).NotNull().SetValidator(new NewIncidentRules());
        RuleFor(command => command.Details.Severity).NotNull()
            .WithMessage("Set a severity: S1 to S4, or Unknown while it is not settled.")
            .When(command => command.Details is not null);
        RuleFor(command => command.Details.Source).NotNull()
            .WithMessage(
                "Say how the problem was identified: Monitoring, CustomerReport, TeamMemberReport or SecurityReport.")
            .When(command => command.Details is not null);
    }
}

public sealed class DeclareIncidentHandler(IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<DeclareIncident, IncidentView>
{
    public async ValueTask<IncidentView> Handle(DeclareIncident command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var incident = Incident.Declare(command.Details, currentUser.Actor, now);
        await db.EnsureListedAsync(command.Details.Services, now, cancellationToken);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        return IncidentView.From(incident, now);
    }
}
