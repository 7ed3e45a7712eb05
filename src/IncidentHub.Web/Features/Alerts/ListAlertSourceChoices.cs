using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Alerts;

public sealed record AlertSourceChoice(Guid Id, string Name);

/// <summary>Every alert source by name: what the alert list's source filter offers.</summary>
public sealed record ListAlertSourceChoices : IQuery<IReadOnlyList<AlertSourceChoice>>;

public sealed class ListAlertSourceChoicesHandler(IncidentHubDbContext db)
    : IQueryHandler<ListAlertSourceChoices, IReadOnlyList<AlertSourceChoice>>
{
    public async ValueTask<IReadOnlyList<AlertSourceChoice>> Handle(
        ListAlertSourceChoices query, CancellationToken cancellationToken) =>
        await db.AlertSources.AsNoTracking().OrderBy(source => source.Name)
            .Select(source => new AlertSourceChoice(source.Id, source.Name))
            .ToListAsync(cancellationToken);
}
