using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Accounts;

/// <summary>Every account, by name. Small enough in a self-hosted install to answer in one page.</summary>
public sealed record ListAccounts : IQuery<IReadOnlyList<AccountView>>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

public sealed class ListAccountsHandler(IncidentHubDbContext db, TimeProvider clock)
    : IQueryHandler<ListAccounts, IReadOnlyList<AccountView>>
{
    public async ValueTask<IReadOnlyList<AccountView>> Handle(
        ListAccounts query, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().ToViews(db, clock.GetUtcNow()).ToListAsync(cancellationToken);
}
