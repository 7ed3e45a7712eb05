using IncidentHub.Web.Data;
using Mediator;

namespace IncidentHub.Web.Features.Services;

public sealed record GetService(string Slug) : IQuery<ServiceView>;

public sealed class GetServiceHandler(IncidentHubDbContext db) : IQueryHandler<GetService, ServiceView>
{
    public async ValueTask<ServiceView> Handle(GetService query, CancellationToken cancellationToken) =>
        await db.ViewOfAsync(query.Slug, cancellationToken);
}
