using System.Security.Claims;
using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Security;

/// <summary>
/// Identity's sign-in, refusing deactivated people and service accounts (which have no password to begin with).
/// </summary>
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
    private readonly IAuthenticationSchemeProvider schemes = schemes;

    public override async Task<bool> CanSignInAsync(Account user) =>
        !user.IsServiceAccount
        && await db.People.AnyAsync(person => person.Id == user.Id && person.Active)
        && await base.CanSignInAsync(user);

    /// <summary>
    /// Signs in through a cookie handler of its own. The request's handler remembers the key of the
    /// session it read, even after that session was signed out, and would write the new sign-in under
    /// the old key (which the store refuses to bring back, so that no planted key can be adopted):
    /// a fresh handler stores a new session under a new key.
    /// </summary>
    public override async Task SignInWithClaimsAsync(
        Account user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var principal = await CreateUserPrincipalAsync(user);
        foreach (var claim in additionalClaims)
        {
            principal.Identities.First().AddClaim(claim);
        }

        var scheme = await schemes.GetSchemeAsync(AuthenticationScheme)
            ?? throw new InvalidOperationException($"The {AuthenticationScheme} scheme is not registered.");
        var handler = (IAuthenticationSignInHandler)ActivatorUtilities.CreateInstance(
            Context.RequestServices, scheme.HandlerType);
        await handler.InitializeAsync(scheme, Context);
        await handler.SignInAsync(principal, authenticationProperties ?? new AuthenticationProperties());
        Context.User = principal;
    }
}
