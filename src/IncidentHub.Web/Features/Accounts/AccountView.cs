using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Accounts;

public sealed record AccountView(
    Guid Id,
    string Email,
    string DisplayName,
    AccountRole Role,
    bool Active,
    bool IsServiceAccount,
    bool LockedOut,
    DateTimeOffset CreatedAt);

public static class AccountViews
{
    public static IQueryable<AccountView> ToViews(
        this IQueryable<Account> accounts, IncidentHubDbContext db, DateTimeOffset now) =>
        from account in accounts
        join person in db.People on account.Id equals person.Id
        orderby person.DisplayName, account.Id
        select new AccountView(account.Id, person.Email, person.DisplayName, account.Role, person.Active,
            account.IsServiceAccount, account.LockoutEnd != null && account.LockoutEnd > now, account.CreatedAt);

    public static async Task<AccountView> ViewOfAsync(
        this IncidentHubDbContext db, Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Accounts
            .AsNoTracking()
            .Where(account => account.Id == id)
            .ToViews(db, now)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("There is no account with this id.");
}
