using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Features.Accounts;

/// <summary>
/// An admin makes an account: for a person (with a password, to sign in) or a service account
/// (no password; it acts through tokens an admin makes for it).
/// </summary>
public sealed record CreateAccount : ICommand<AccountView>, IRequiresPermission
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public AccountRole? Role { get; init; }

    public string? Password { get; init; }

    public bool ServiceAccount { get; init; }

    public Permission Required => Permission.Administer;
}

public sealed class CreateAccountValidator : AbstractValidator<CreateAccount>
{
    public CreateAccountValidator()
    {
        RuleFor(command => command.Email).NotEmpty().WithMessage("Give the email address used to sign in.")
            .MaximumLength(Person.EmailMaxLength).EmailAddress();
        RuleFor(command => command.DisplayName)
            .NotEmpty()
            .WithMessage("Give the person's name.")
            .MaximumLength(Person.DisplayNameMaxLength);
        RuleFor(command => command.Role)
            .NotNull()
            .WithMessage("Choose a role: Viewer, Responder, IncidentManager or Admin.")
            .IsInEnum();
        RuleFor(command => command.Password)
            .NotEmpty()
            .WithMessage($"Give a password of at least {AccountRegistry.PasswordMinLength} characters.")
            .MaximumLength(200).When(command => !command.ServiceAccount);
        RuleFor(command => command.Password)
            .Empty()
            .WithMessage("A service account has no password; it uses API tokens.")
            .When(command => command.ServiceAccount);
    }
}

public sealed class CreateAccountHandler(
    AccountRegistry registry,
    IncidentHubDbContext db,
    TimeProvider clock,
    ICurrentUser currentUser,
    SecurityEvents securityEvents)
    : ICommandHandler<CreateAccount, AccountView>
{
    public async ValueTask<AccountView> Handle(CreateAccount command, CancellationToken cancellationToken)
    {
        var account = await registry.CreateAsync(
            command.Email!,
            command.DisplayName!,
            command.Role!.Value,
            command.Password,
            command.ServiceAccount,
            cancellationToken);
        securityEvents.AccountChanged(
            account.Id, $"created as {account.Role}", currentUser.Actor.PersonId ?? Guid.Empty);
        return await db.ViewOfAsync(account.Id, clock.GetUtcNow(), cancellationToken);
    }
}
