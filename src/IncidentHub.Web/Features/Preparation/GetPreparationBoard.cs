using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.Reviews;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Preparation;

/// <summary>
/// What a team looks at in its weekly reliability meeting, to close the loop back to Preparation: open corrective
/// actions that improve preparation and detection, overdue actions by owner, reviews due soon or late, services whose
/// recent incidents had no runbook or were found by customers, and services with repeat incidents.
/// </summary>
public sealed record GetPreparationBoard : IQuery<PreparationBoardView>
{
    /// <summary>How far back the services' incidents are looked at, in days; 90 when absent.</summary>
    public int? Days { get; init; }

    /// <summary>Two incidents of a service this many days apart or closer count as a repeat; 7 when absent.</summary>
    public int? RepeatWithinDays { get; init; }
}

public sealed record PreparationBoardView(
    DateOnly Since,
    int RepeatWithinDays,
    IReadOnlyList<CorrectiveActionView> PreparationAndDetectionActions,
    IReadOnlyList<OverdueOwnerView> OverdueByOwner,
    IReadOnlyList<ReviewListItem> ReviewsDue,
    IReadOnlyList<ServiceGapView> ServiceGaps,
    IReadOnlyList<RepeatServiceView> RepeatServices);

/// <summary>One owner's overdue corrective actions (owner null: actions nobody owns).</summary>
public sealed record OverdueOwnerView(Guid? OwnerId, string? OwnerName, IReadOnlyList<CorrectiveActionView> Actions);

/// <summary>
/// A service whose last incidents (up to three in the period) show a gap in preparation: no runbook in the catalogue,
/// or found by customers before monitoring.
/// </summary>
public sealed record ServiceGapView(
    string Service,
    string? Name,
    bool NoRunbook,
    int Incidents,
    int DetectedByCustomers,
    long LastIncident,
    DateTimeOffset LastDeclaredAt);

/// <summary>A service with incidents that came back within the repeat window.</summary>
public sealed record RepeatServiceView(string Service, int Incidents, int Repeats, IReadOnlyList<long> Numbers);

public sealed class GetPreparationBoardValidator : AbstractValidator<GetPreparationBoard>
{
    public GetPreparationBoardValidator()
    {
        RuleFor(query => query.Days).InclusiveBetween(1, 3660);
        RuleFor(query => query.RepeatWithinDays).InclusiveBetween(1, 90);
    }
}

public sealed class GetPreparationBoardHandler(IncidentHubDbContext db, TimeProvider clock, ISender sender)
    : IQueryHandler<GetPreparationBoard, PreparationBoardView>
{
    private const int ListLimit = 50;
    private const int ReviewsDueWithinDays = 14;

    public async ValueTask<PreparationBoardView> Handle(GetPreparationBoard query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var since = today.AddDays(-(query.Days ?? 90));
        var repeatWithin = query.RepeatWithinDays ?? 7;
        var open = db.CorrectiveActions.AsNoTracking()
            .Where(action => action.Status == CorrectiveActionStatus.Open || action.Status == CorrectiveActionStatus.InProgress);

        var loopActions = await open
            .Where(action => action.Kind == CorrectiveActionKind.Preparation || action.Kind == CorrectiveActionKind.Detection)
            .OrderBy(action => action.Priority == CorrectiveActionPriority.High ? 0 : action.Priority == CorrectiveActionPriority.Medium ? 1 : 2)
            .ThenBy(action => action.DueDate ?? DateOnly.MaxValue)
            .ThenBy(action => action.Id)
            .Take(ListLimit)
            .ToViews(db, today)
            .ToListAsync(cancellationToken);

        var overdue = await open
            .Where(action => action.DueDate < today)
            .OrderBy(action => action.DueDate)
            .ThenBy(action => action.Id)
            .Take(ListLimit * 4)
            .ToViews(db, today)
            .ToListAsync(cancellationToken);
        var byOwner = overdue
            .GroupBy(action => (action.OwnerId, action.OwnerName))
            .OrderByDescending(owner => owner.Count())
            .ThenBy(owner => owner.Key.OwnerName ?? "\uffff", StringComparer.OrdinalIgnoreCase)
            .Select(owner => new OverdueOwnerView(owner.Key.OwnerId, owner.Key.OwnerName, [.. owner]))
            .ToList();

        var reviews = await sender.Send(new ListReviews { Limit = ListLimit }, cancellationToken);
        var dueSoon = today.AddDays(ReviewsDueWithinDays);
        var reviewsDue = reviews.Items.Where(review => review.DueOn is { } due && due <= dueSoon).ToList();

        var sinceAt = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var gaps = await db.Database.SqlQuery<ServiceGapRow>(
            $"""
            WITH recent AS (
                SELECT s.service, i.number, i.source, i.declared_at,
                       row_number() OVER (PARTITION BY s.service ORDER BY i.declared_at DESC, i.number DESC) AS place
                FROM incidents AS i CROSS JOIN LATERAL unnest(i.services) AS s(service)
                WHERE i.declared_at >= {sinceAt} AND i.phase <> 'Dismissed'
            )
            SELECT r.service AS service, c.name AS name, (c.runbook_url IS NULL) AS no_runbook,
                   count(*)::int AS incidents,
                   (count(*) FILTER (WHERE r.source = 'CustomerReport'))::int AS detected_by_customers,
                   max(r.number) AS last_incident, max(r.declared_at) AS last_declared_at
            FROM recent AS r LEFT JOIN services AS c ON c.slug = r.service
            WHERE r.place <= 3
            GROUP BY r.service, c.name, c.runbook_url
            HAVING c.runbook_url IS NULL OR count(*) FILTER (WHERE r.source = 'CustomerReport') > 0
            ORDER BY count(*) FILTER (WHERE r.source = 'CustomerReport') DESC, max(r.declared_at) DESC
            LIMIT {ListLimit}
            """).ToListAsync(cancellationToken);

        var repeats = await db.Database.SqlQuery<RepeatRow>(
            $"""
            WITH per AS (
                SELECT s.service, i.number, i.declared_at,
                       lag(i.declared_at) OVER (PARTITION BY s.service ORDER BY i.declared_at, i.number) AS previous_at
                FROM incidents AS i CROSS JOIN LATERAL unnest(i.services) AS s(service)
                WHERE i.declared_at >= {sinceAt} AND i.phase <> 'Dismissed'
            )
            SELECT service, count(*)::int AS incidents,
                   (count(*) FILTER (WHERE declared_at - previous_at <= make_interval(days => {repeatWithin})))::int AS repeats,
                   array_agg(number ORDER BY declared_at DESC, number DESC) AS numbers
            FROM per
            GROUP BY service
            HAVING count(*) FILTER (WHERE declared_at - previous_at <= make_interval(days => {repeatWithin})) > 0
            ORDER BY 3 DESC, service
            LIMIT {ListLimit}
            """).ToListAsync(cancellationToken);

        return new PreparationBoardView(
            since,
            repeatWithin,
            loopActions,
            byOwner,
            reviewsDue,
            [.. gaps.Select(gap => new ServiceGapView(
                gap.Service, gap.Name, gap.NoRunbook, gap.Incidents, gap.DetectedByCustomers, gap.LastIncident, gap.LastDeclaredAt))],
            [.. repeats.Select(repeat => new RepeatServiceView(repeat.Service, repeat.Incidents, repeat.Repeats, repeat.Numbers))]);
    }

    private sealed record ServiceGapRow(
        string Service, string? Name, bool NoRunbook, int Incidents, int DetectedByCustomers, long LastIncident, DateTimeOffset LastDeclaredAt);

    private sealed record RepeatRow(string Service, int Incidents, int Repeats, long[] Numbers);
}
