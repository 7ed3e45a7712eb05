using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = IncidentHub.Domain.Severity;

namespace IncidentHub.Web.Features.Alerts;

/// <summary>Alerts across all incidents, firing and acknowledged first, filtered, one keyset page at a time.</summary>
public sealed record ListAlerts : IQuery<Page<AlertListItem>>
{
    public string? Status { get; init; }

    public Guid? SourceId { get; init; }

    public string? Service { get; init; }

    public string? Severity { get; init; }

    public long? IncidentNumber { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed class ListAlertsValidator : AbstractValidator<ListAlerts>
{
    public ListAlertsValidator()
    {
        RuleFor(query => query.Status).IsEnumName<ListAlerts, AlertStatus>();
        RuleFor(query => query.Severity).IsEnumName<ListAlerts, Severity>();
        RuleFor(query => query.Service).MaximumLength(ServiceSlug.MaxLength).StorableText();
        RuleFor(query => query.IncidentNumber).GreaterThan(0)
            .WithMessage("Give the number of an incident, e.g. 42.");
        RuleFor(query => query.Cursor).ValidAlertCursor();
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListAlertsHandler(IncidentHubDbContext db) : IQueryHandler<ListAlerts, Page<AlertListItem>>
{
    public async ValueTask<Page<AlertListItem>> Handle(ListAlerts query, CancellationToken cancellationToken)
    {
        var alerts = db.Alerts.AsNoTracking();
        if (EnumText.Parse<AlertStatus>(query.Status) is { } status)
        {
            alerts = alerts.Where(alert => alert.Status == status);
        }

        if (EnumText.Parse<Severity>(query.Severity) is { } severity)
        {
            alerts = alerts.Where(alert => alert.Severity == severity);
        }

        if (query.SourceId is { } sourceId)
        {
            alerts = alerts.Where(alert => alert.SourceId == sourceId);
        }

        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            // Services are slugs (lower case); a person may type "Checkout".
            var service = query.Service.Trim().ToLowerInvariant();
            alerts = alerts.Where(alert => alert.Service == service);
        }

        if (query.IncidentNumber is { } number)
        {
            alerts = alerts.Where(alert => db.Incidents.Any(
                incident => incident.Id == alert.IncidentId && incident.Number == number));
        }

        return await AlertPaging.PageAsync(alerts, db, (query.Cursor, query.Limit), cancellationToken);
    }
}
