using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

/// <summary>How a page links to a service it names: its page, its name and its runbook.</summary>
public sealed record ServiceLinkView(string Slug, string Name, string? RunbookUrl);

/// <summary>The catalogue entries of the given slugs (an incident's services); slugs it lacks are left out.</summary>
public sealed record GetServiceLinks(IReadOnlyList<string> Slugs) : IQuery<IReadOnlyList<ServiceLinkView>>;

public sealed class GetServiceLinksHandler(IncidentHubDbContext db)
    : IQueryHandler<GetServiceLinks, IReadOnlyList<ServiceLinkView>>
{
    public async ValueTask<IReadOnlyList<ServiceLinkView>> Handle(
        GetServiceLinks query, CancellationToken cancellationToken)
    {
        if (query.Slugs.Count == 0)
        {
            return [];
        }

        var slugs = query.Slugs.ToArray();
        return await db.Services.AsNoTracking()
            .Where(service => slugs.Contains(service.Slug))
            .Select(service => new ServiceLinkView(service.Slug, service.Name, service.RunbookUrl))
            .ToListAsync(cancellationToken);
    }
}
