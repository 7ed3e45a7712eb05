using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Security;

/// <summary>Identity's sign-in, refusing deactivated people and service accounts (which have no password to begin with).</summary>
public sealed class AccountSignInManager(
    UserManager<Account> accounts,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Account> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Account>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Account> confirmation,
    IncidentHubDbContext db)
    : SignInManager<Account>(accounts, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Account user) =>
        !user.IsServiceAccount
        && await db.People.AnyAsync(person => person.Id == user.Id && person.Active)
        && await base.CanSignInAsync(user);
}
