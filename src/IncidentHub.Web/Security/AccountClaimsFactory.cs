using System.Security.Claims;
using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Security;

/// <summary>Adds the account role and the person's name to the principal of a browser session.</summary>
public sealed class AccountClaimsFactory(
    UserManager<Account> accounts, IOptions<IdentityOptions> options, IncidentHubDbContext db)
    : UserClaimsPrincipalFactory<Account>(accounts, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var name = await db.People
            .Where(person => person.Id == user.Id)
            .Select(person => person.DisplayName)
            .SingleAsync();
        identity.AddClaim(new Claim(ClaimNames.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(ClaimNames.DisplayName, name));
        return identity;
    }
}
