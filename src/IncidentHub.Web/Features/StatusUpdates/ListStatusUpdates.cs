using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.StatusUpdates;

/// <summary>An incident's status updates, newest first.</summary>
public sealed record ListStatusUpdates : IQuery<Page<StatusUpdateView>>
{
    public long Number { get; init; }

    public string? Audience { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed class ListStatusUpdatesValidator : AbstractValidator<ListStatusUpdates>
{
    public ListStatusUpdatesValidator()
    {
        RuleFor(query => query.Audience).IsEnumName<ListStatusUpdates, StatusAudience>();
        RuleFor(query => query.Cursor).ValidCursor(CursorPart.Ticks, CursorPart.Id);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListStatusUpdatesHandler(IncidentHubDbContext db) : IQueryHandler<ListStatusUpdates, Page<StatusUpdateView>>
{
    public async ValueTask<Page<StatusUpdateView>> Handle(ListStatusUpdates query, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentIdOfAsync(query.Number, cancellationToken);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var updates = db.StatusUpdates.AsNoTracking().Where(update => update.IncidentId == incidentId);
        if (EnumText.Parse<StatusAudience>(query.Audience) is { } audience)
        {
            updates = updates.Where(update => update.Audience == audience);
        }

        if (query.Cursor is not null)
        {
            var parts = Cursor.Decode(query.Cursor, 2);
            var postedAt = new DateTimeOffset(Cursor.Parse<long>(parts[0]), TimeSpan.Zero);
            var id = Cursor.Parse<Guid>(parts[1]);
            updates = updates.Where(update => EF.Functions.LessThan(ValueTuple.Create(update.PostedAt, update.Id), ValueTuple.Create(postedAt, id)));
        }

        var rows = await updates.OrderByDescending(update => update.PostedAt).ThenByDescending(update => update.Id)
            .Take(limit + 1).Select(StatusUpdateView.Projection).ToListAsync(cancellationToken);
        return Page<StatusUpdateView>.From(rows, limit, row => Cursor.Encode(row.PostedAt.UtcTicks, row.Id));
    }
}
