using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Accounts;

/// <summary>
/// An admin changes an account's role, name, or deactivates it. Deactivating ends its sessions and
/// tokens at once; a role change ends its sessions so the new role applies from the next sign-in.
/// </summary>
public sealed record UpdateAccount(Guid Id, AccountChanges Changes)
    : ICommand<AccountView>, IRequiresPermission, IChangesCredentials
{
    public Permission Required => Permission.Administer;
}

public sealed record AccountChanges
{
    public AccountRole? Role { get; init; }

    public bool? Active { get; init; }

    public string? DisplayName { get; init; }
}

public sealed class UpdateAccountValidator : AbstractValidator<UpdateAccount>
{
    public UpdateAccountValidator()
    {
        RuleFor(command => command.Changes).NotNull();
        RuleFor(command => command.Changes.Role).IsInEnum().When(command => command.Changes is not null);
        RuleFor(command => command.Changes.DisplayName)
            .NotEmpty()
            .WithMessage("Give the person's name.")
            .MaximumLength(Person.DisplayNameMaxLength)
            .When(command => command.Changes?.DisplayName is not null);
    }
}

public sealed class UpdateAccountHandler(
    IncidentHubDbContext db, TimeProvider clock, ICurrentUser currentUser, SecurityEvents securityEvents)
    : ICommandHandler<UpdateAccount, AccountView>
{
    public async ValueTask<AccountView> Handle(UpdateAccount command, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(candidate => candidate.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("There is no account with this id.");
        var person = await db.People.SingleAsync(candidate => candidate.Id == command.Id, cancellationToken);
        var changes = command.Changes;
        var now = clock.GetUtcNow();
        var losesAdmin = account.Role == AccountRole.Admin && person.Active
            && ((changes.Role is { } role && role != AccountRole.Admin) || changes.Active == false);
        if (losesAdmin && !await AnotherActiveAdminExistsAsync(account.Id, cancellationToken))
        {
            throw new RuleViolationException(
                "LastAdminRequired", "This is the last active admin; make another admin first.");
        }

        var endSessions = false;
        if (changes.Role is { } newRole && newRole != account.Role)
        {
            account.Role = newRole;
            endSessions = true;
        }

        if (changes.DisplayName is { } name)
        {
            person.Rename(name);
        }

        if (changes.Active is { } active && active != person.Active)
        {
            if (active)
            {
                person.Reactivate();
            }
            else
            {
                person.Deactivate();
                await db.ApiTokens.Where(token => token.AccountId == account.Id && token.RevokedAt == null)
                    .ExecuteUpdateAsync(tokens => tokens.SetProperty(token => token.RevokedAt, now), cancellationToken);
                endSessions = true;
            }
        }

        if (endSessions)
        {
            await db.Sessions.Where(session => session.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        securityEvents.AccountChanged(
            account.Id, $"role {account.Role}, active {person.Active}", currentUser.Actor.PersonId ?? Guid.Empty);
        return await db.ViewOfAsync(account.Id, now, cancellationToken);
    }

    private Task<bool> AnotherActiveAdminExistsAsync(Guid accountId, CancellationToken cancellationToken) =>
        (from account in db.Accounts
         join person in db.People on account.Id equals person.Id
         where account.Id != accountId && account.Role == AccountRole.Admin && person.Active
         select account.Id).AnyAsync(cancellationToken);
}
