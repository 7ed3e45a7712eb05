using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.AlertSources;

/// <summary>Every alert source, by name: an install has a handful, so one page holds them all.</summary>
public sealed record ListAlertSources : IQuery<IReadOnlyList<AlertSourceView>>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

public sealed class ListAlertSourcesHandler(IncidentHubDbContext db)
    : IQueryHandler<ListAlertSources, IReadOnlyList<AlertSourceView>>
{
    public async ValueTask<IReadOnlyList<AlertSourceView>> Handle(
        ListAlertSources query, CancellationToken cancellationToken) =>
        await db.AlertSources.AsNoTracking().ToViews(db).ToListAsync(cancellationToken);
}
