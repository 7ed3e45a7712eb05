using FluentValidation;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

/// <summary>
/// The catalogue: the entries waiting for review first, then by name, optionally those whose slug, name or owning
/// team contains a text. A catalogue holds tens of services, not thousands, so it comes as one page.
/// </summary>
public sealed record ListServices : IQuery<Page<ServiceView>>
{
    public string? Q { get; init; }
}

public sealed class ListServicesValidator : AbstractValidator<ListServices>
{
    public ListServicesValidator()
    {
        RuleFor(query => query.Q).MaximumLength(200).StorableText();
    }
}

public sealed class ListServicesHandler(IncidentHubDbContext db) : IQueryHandler<ListServices, Page<ServiceView>>
{
    public async ValueTask<Page<ServiceView>> Handle(ListServices query, CancellationToken cancellationToken)
    {
        var services = db.Services.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Containing(query.Q);
            services = services.Where(service => EF.Functions.ILike(service.Slug, pattern, LikePattern.Escape)
                || EF.Functions.ILike(service.Name, pattern, LikePattern.Escape)
                || (service.OwnerTeam != null && EF.Functions.ILike(service.OwnerTeam, pattern, LikePattern.Escape)));
        }

        var rows = await services.OrderByDescending(service => service.NeedsReview).ThenBy(service => service.Name)
            .ThenBy(service => service.Slug).ToViews(db).ToListAsync(cancellationToken);

        // Shaped as every list, so that clients read it the same way; there is never a next page.
        return new Page<ServiceView>(rows, null);
    }
}
