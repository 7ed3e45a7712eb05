using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Alerts;

/// <summary>
/// Alerts in the order a person triages them: firing and acknowledged ones first, then resolved ones, each
/// last received newest first. The cursor is (open rank, last received ticks, id); the rank has two values, so
/// the keyset condition is written out per rank rather than as one row value.
/// </summary>
public static class AlertPaging
{
    public static readonly CursorPart[] Shape = [CursorPart.Rank, CursorPart.Ticks, CursorPart.Id];

    public static IRuleBuilderOptions<T, string?> ValidAlertCursor<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.ValidCursor(Shape);

    public static async Task<Page<AlertListItem>> PageAsync(
        IQueryable<Alert> alerts,
        IncidentHubDbContext db,
        (string? Cursor, int? Limit) request,
        CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? Cursor.DefaultLimit;
        if (request.Cursor is not null)
        {
            var parts = Cursor.Decode(request.Cursor, 3);
            var rank = Cursor.Parse<int>(parts[0]);
            var lastTime = new DateTimeOffset(Cursor.Parse<long>(parts[1]), TimeSpan.Zero);
            var lastId = Cursor.Parse<Guid>(parts[2]);
            alerts = rank == 0
                ? alerts.Where(alert => alert.Status == AlertStatus.Resolved
                    || EF.Functions.LessThan(
                        ValueTuple.Create(alert.LastReceivedAt, alert.Id), ValueTuple.Create(lastTime, lastId)))
                : alerts.Where(alert => alert.Status == AlertStatus.Resolved
                    && EF.Functions.LessThan(
                        ValueTuple.Create(alert.LastReceivedAt, alert.Id), ValueTuple.Create(lastTime, lastId)));
        }

        var fetched = await alerts
            .OrderBy(alert => alert.Status == AlertStatus.Resolved ? 1 : 0)
            .ThenByDescending(alert => alert.LastReceivedAt)
            .ThenByDescending(alert => alert.Id)
            .Take(limit + 1)
            .ToListItems(db)
            .ToListAsync(cancellationToken);
        return Page<AlertListItem>.From(fetched, limit, item => Cursor.Encode(
            item.Status == AlertStatus.Resolved ? 1 : 0, item.LastReceivedAt.UtcTicks, item.Id));
    }
}
