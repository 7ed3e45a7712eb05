using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Timeline;

/// <summary>An incident's timeline in the order things happened, one page at a time, optionally of one kind.</summary>
public sealed record GetTimeline : IQuery<Page<TimelineEntryView>>
{
    public long Number { get; init; }

    public string? Kind { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }

    /// <summary>The latest first, as an incident page shows it while the incident runs.</summary>
    public bool NewestFirst { get; init; }
}

public sealed class GetTimelineValidator : AbstractValidator<GetTimeline>
{
    public GetTimelineValidator()
    {
        RuleFor(query => query.Kind).IsEnumName<GetTimeline, TimelineEventKind>();
        RuleFor(query => query.Cursor).ValidCursor(CursorPart.Ticks, CursorPart.Number);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class GetTimelineHandler(IncidentHubDbContext db) : IQueryHandler<GetTimeline, Page<TimelineEntryView>>
{
    public async ValueTask<Page<TimelineEntryView>> Handle(GetTimeline query, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentIdOfAsync(query.Number, cancellationToken);
        var entries = db.TimelineEvents.AsNoTracking().Where(entry => entry.IncidentId == incidentId);
        if (EnumText.Parse<TimelineEventKind>(query.Kind) is { } kind)
        {
            entries = entries.Where(entry => entry.Kind == kind);
        }

        return await TimeKeyset.PageAsync(entries, entry => entry.OccurredAt, entry => entry.Id,
            TimelineEntryView.Projection, row => (row.OccurredAt, row.Id),
            (query.Cursor, query.Limit, query.NewestFirst), cancellationToken);
    }
}
