using FluentValidation;
using IncidentHub.Domain;
using Mediator;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>Leaves a role empty. Unassigning an empty role changes nothing.</summary>
public sealed record UnassignRole(long Number, uint? ExpectedVersion, IncidentRole Role)
    : ICommand<IncidentView>, IIncidentCommand;

public sealed class UnassignRoleValidator : AbstractValidator<UnassignRole>
{
    public UnassignRoleValidator() => RuleFor(command => command.Role).IsInEnum();
}

public sealed class UnassignRoleHandler(IncidentChanges changes) : ICommandHandler<UnassignRole, IncidentView>
{
    public async ValueTask<IncidentView> Handle(UnassignRole command, CancellationToken cancellationToken) =>
        await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.UnassignRole(command.Role, actor, now), cancellationToken);
}
