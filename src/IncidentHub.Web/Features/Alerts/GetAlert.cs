using IncidentHub.Web.Data;
using Mediator;

namespace IncidentHub.Web.Features.Alerts;

public sealed record GetAlert(Guid Id) : IQuery<AlertView>;

public sealed class GetAlertHandler(IncidentHubDbContext db) : IQueryHandler<GetAlert, AlertView>
{
    public async ValueTask<AlertView> Handle(GetAlert query, CancellationToken cancellationToken) =>
        await db.ViewOfAsync(query.Id, cancellationToken);
}
