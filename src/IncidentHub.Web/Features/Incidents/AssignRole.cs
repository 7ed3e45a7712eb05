using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>Gives a role to a person; when someone holds it already, this is a hand-over.</summary>
public sealed record AssignRole : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    [JsonIgnore]
    public IncidentRole Role { get; init; }

    public Guid? PersonId { get; init; }
}

public sealed class AssignRoleValidator : AbstractValidator<AssignRole>
{
    public AssignRoleValidator()
    {
        RuleFor(command => command.Role).IsInEnum();
        RuleFor(command => command.PersonId).NotNull().WithMessage("Choose the person who takes the role.")
            .NotEqual(Guid.Empty).WithMessage("Choose the person who takes the role.");
    }
}

public sealed class AssignRoleHandler(IncidentChanges changes, IncidentHubDbContext db)
    : ICommandHandler<AssignRole, IncidentView>
{
    public async ValueTask<IncidentView> Handle(AssignRole command, CancellationToken cancellationToken)
    {
        var holder = await db.People.AsNoTracking()
            .Where(person => person.Id == command.PersonId && person.Active)
            .Select(person => new Actor(person.Id, person.DisplayName))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidReferenceException("personId", "No active person has this id.");
        return await changes.ApplyAndViewAsync(
            command,
            (incident, actor, now) => incident.AssignRole(command.Role, holder, actor, now),
            cancellationToken);
    }
}
