using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Tokens;

/// <summary>Ends a token at once: one's own, or any token for an admin. Revoking twice changes nothing.</summary>
public sealed record RevokeToken(Guid Id) : ICommand<TokenView>, IRequiresPermission, IChangesCredentials
{
    public Permission Required => Permission.SignedIn;
}

public sealed class RevokeTokenHandler(
    IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock, SecurityEvents securityEvents)
    : ICommandHandler<RevokeToken, TokenView>
{
    public async ValueTask<TokenView> Handle(RevokeToken command, CancellationToken cancellationToken)
    {
        var user = currentUser.Principal!;
        var token = await db.ApiTokens.SingleOrDefaultAsync(candidate => candidate.Id == command.Id, cancellationToken);
        if (token is null
            || (token.AccountId != user.PersonId && !(user.Role == AccountRole.Admin && user.HasScope(Scopes.Admin))))
        {
            // Someone else's token is "not found" rather than "forbidden": its existence is nobody else's business.
            throw new NotFoundException("There is no token of yours with this id.");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            securityEvents.TokenRevoked(token.Id, token.AccountId, user.PersonId);
        }

        return TokenView.From(token);
    }
}
