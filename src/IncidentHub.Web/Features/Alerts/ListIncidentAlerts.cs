using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Alerts;

/// <summary>The alerts one incident holds, in triage order (404 when there is no such incident).</summary>
public sealed record ListIncidentAlerts : IQuery<Page<AlertListItem>>
{
    public long Number { get; init; }

    public string? Status { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed class ListIncidentAlertsValidator : AbstractValidator<ListIncidentAlerts>
{
    public ListIncidentAlertsValidator()
    {
        RuleFor(query => query.Status).IsEnumName<ListIncidentAlerts, AlertStatus>();
        RuleFor(query => query.Cursor).ValidAlertCursor();
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListIncidentAlertsHandler(IncidentHubDbContext db)
    : IQueryHandler<ListIncidentAlerts, Page<AlertListItem>>
{
    public async ValueTask<Page<AlertListItem>> Handle(ListIncidentAlerts query, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentIdOfAsync(query.Number, cancellationToken);
        var alerts = db.Alerts.AsNoTracking().Where(alert => alert.IncidentId == incidentId);
        if (EnumText.Parse<AlertStatus>(query.Status) is { } status)
        {
            alerts = alerts.Where(alert => alert.Status == status);
        }

        return await AlertPaging.PageAsync(alerts, db, (query.Cursor, query.Limit), cancellationToken);
    }
}
