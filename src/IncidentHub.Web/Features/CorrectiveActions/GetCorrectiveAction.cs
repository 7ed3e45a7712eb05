using IncidentHub.Web.Data;
using Mediator;

namespace IncidentHub.Web.Features.CorrectiveActions;

public sealed record GetCorrectiveAction(Guid Id) : IQuery<CorrectiveActionView>;

public sealed class GetCorrectiveActionHandler(IncidentHubDbContext db, TimeProvider clock)
    : IQueryHandler<GetCorrectiveAction, CorrectiveActionView>
{
    public async ValueTask<CorrectiveActionView> Handle(
        GetCorrectiveAction query, CancellationToken cancellationToken) =>
        await db.ViewOfAsync(query.Id, clock.Today(), cancellationToken);
}
