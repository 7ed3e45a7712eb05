using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.People;

/// <summary>Someone who can hold a role or own a corrective action.</summary>
public sealed record AddPerson : ICommand<PersonView>, IRequiresPermission
{
    public Permission Required => Permission.ManageIncidents;

    public string? DisplayName { get; init; }

    public string? Email { get; init; }
}

public sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator()
    {
        RuleFor(command => command.DisplayName)
            .NotEmpty()
            .WithMessage("Give the person's name.")
            .MaximumLength(Person.DisplayNameMaxLength);
        RuleFor(command => command.Email).NotEmpty().WithMessage("Give the person's email address.")
            .MaximumLength(Person.EmailMaxLength).EmailAddress();
    }
}

public sealed class AddPersonHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<AddPerson, PersonView>
{
    public async ValueTask<PersonView> Handle(AddPerson command, CancellationToken cancellationToken)
    {
        var email = Person.NormalizeEmail(command.Email!);
        if (await db.People.AnyAsync(person => person.Email == email, cancellationToken))
        {
            throw new RuleViolationException(
                "PersonEmailTaken", $"Someone with the email address {email} already exists.");
        }

        var person = Person.Create(command.DisplayName!, email, clock.GetUtcNow());
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return PersonView.From(person);
    }
}
