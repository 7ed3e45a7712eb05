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
        var updates = db.StatusUpdates.AsNoTracking().Where(update => update.IncidentId == incidentId);
        if (EnumText.Parse<StatusAudience>(query.Audience) is { } audience)
        {
            updates = updates.Where(update => update.Audience == audience);
        }

        return await TimeKeyset.PageAsync(updates, update => update.PostedAt, update => update.Id,
            StatusUpdateView.Projection, row => (row.PostedAt, row.Id),
            (query.Cursor, query.Limit, NewestFirst: true), cancellationToken);
    }
}
