using FluentValidation;
using FluentValidation.Results;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Accounts;

/// <summary>
/// Makes accounts: for an existing person with that email (a person becomes an account), or for a
/// new person. Passwords, hashing and lockout belong to ASP.NET Core Identity.
/// </summary>
public sealed class AccountRegistry(IncidentHubDbContext db, UserManager<Account> accounts, TimeProvider clock)
{
    public const int PasswordMinLength = 12;

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => db.Accounts.AnyAsync(cancellationToken);

    public async Task<Account> CreateAsync(
        string email,
        string displayName,
        AccountRole role,
        string? password,
        bool serviceAccount,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var normalized = Person.NormalizeEmail(email);
        var person = await db.People.SingleOrDefaultAsync(
            candidate => candidate.Email == normalized, cancellationToken);
        if (person is not null && await db.Accounts.AnyAsync(account => account.Id == person.Id, cancellationToken))
        {
            throw new RuleViolationException("AccountExists", $"{normalized} already has an account.");
        }

        if (person is null)
        {
            person = Person.Create(displayName, normalized, now);
            db.People.Add(person);
            await db.SaveChangesAsync(cancellationToken);
        }

        var account = new Account
        {
            Id = person.Id,
            UserName = normalized,
            Email = normalized,
            EmailConfirmed = true,
            Role = role,
            IsServiceAccount = serviceAccount,
            CreatedAt = now,
            LockoutEnabled = true,
        };
        var result = serviceAccount
            ? await accounts.CreateAsync(account)
            : await accounts.CreateAsync(account, password ?? "");
        if (!result.Succeeded)
        {
            throw new ValidationException(
                result.Errors.Select(error => new ValidationFailure(FieldOf(error), error.Description)));
        }

        return account;
    }

    private static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : error.Code.Contains("Email", StringComparison.Ordinal)
            || error.Code.Contains("UserName", StringComparison.Ordinal) ? "email"
        : "account";
}
