using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Features.AlertSources;

public sealed record GetAlertSource(Guid Id) : IQuery<AlertSourceView>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

public sealed class GetAlertSourceHandler(IncidentHubDbContext db) : IQueryHandler<GetAlertSource, AlertSourceView>
{
    public async ValueTask<AlertSourceView> Handle(GetAlertSource query, CancellationToken cancellationToken) =>
        await db.AlertSourceViewAsync(query.Id, cancellationToken);
}
