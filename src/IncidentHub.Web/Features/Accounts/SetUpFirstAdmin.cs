using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Accounts;

/// <summary>
/// The one-time setup of a new installation: while no account exists, anybody who reaches the
/// app may make the first admin. Once one exists, this is refused.
/// </summary>
public sealed record SetUpFirstAdmin : ICommand<AccountView>, IRequiresPermission
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public string? Password { get; init; }

    public Permission Required => Permission.Anyone;
}

public sealed class SetUpFirstAdminValidator : AbstractValidator<SetUpFirstAdmin>
{
    public SetUpFirstAdminValidator()
    {
        RuleFor(command => command.Email)
            .NotEmpty()
            .WithMessage("Give your email address.")
            .MaximumLength(Person.EmailMaxLength)
            .EmailAddress();
        RuleFor(command => command.DisplayName)
            .NotEmpty()
            .WithMessage("Give your name.")
            .MaximumLength(Person.DisplayNameMaxLength);
        RuleFor(command => command.Password)
            .NotEmpty()
            .WithMessage($"Choose a password of at least {AccountRegistry.PasswordMinLength} characters.")
            .MaximumLength(200);
    }
}

public sealed class SetUpFirstAdminHandler(AccountRegistry registry, IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<SetUpFirstAdmin, AccountView>
{
    public async ValueTask<AccountView> Handle(SetUpFirstAdmin command, CancellationToken cancellationToken)
    {
        // Serializes concurrent setups: only the first one finds no account.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE accounts IN EXCLUSIVE MODE", cancellationToken);
        if (await registry.AnyAsync(cancellationToken))
        {
            throw new RuleViolationException("SetupDone", "This installation is already set up; sign in instead.");
        }

        var account = await registry.CreateAsync(
            command.Email!,
            command.DisplayName!,
            AccountRole.Admin,
            command.Password,
            serviceAccount: false,
            cancellationToken);
        return await db.ViewOfAsync(account.Id, clock.GetUtcNow(), cancellationToken);
    }
}
