using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Tokens;

/// <summary>One's own tokens, or (for an admin) another account's, newest first; never the tokens themselves.</summary>
public sealed record ListTokens(Guid? AccountId = null) : IQuery<IReadOnlyList<TokenView>>, IRequiresPermission
{
    public Permission Required => AccountId is null ? Permission.SignedIn : Permission.Administer;
}

public sealed class ListTokensHandler(IncidentHubDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListTokens, IReadOnlyList<TokenView>>
{
    public async ValueTask<IReadOnlyList<TokenView>> Handle(ListTokens query, CancellationToken cancellationToken)
    {
        var ownerId = query.AccountId ?? currentUser.Principal!.PersonId;
        return await db.ApiTokens.AsNoTracking().Where(token => token.AccountId == ownerId)
            .OrderByDescending(token => token.CreatedAt).Select(TokenView.Projection).ToListAsync(cancellationToken);
    }
}
