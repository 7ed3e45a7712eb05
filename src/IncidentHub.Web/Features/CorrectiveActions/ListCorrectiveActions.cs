using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.CorrectiveActions;

/// <summary>
/// Corrective actions across all incidents (or of one), soonest due first: actions outlive their
/// incident, so open and overdue ones must stay in sight.
/// </summary>
public sealed record ListCorrectiveActions : IQuery<Page<CorrectiveActionView>>
{
    public long? IncidentNumber { get; init; }

    public string? Status { get; init; }

    public string? Kind { get; init; }

    public string? Priority { get; init; }

    public Guid? OwnerId { get; init; }

    public bool? Overdue { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed class ListCorrectiveActionsValidator : AbstractValidator<ListCorrectiveActions>
{
    public ListCorrectiveActionsValidator()
    {
        RuleFor(query => query.Status).IsEnumName<ListCorrectiveActions, CorrectiveActionStatus>();
        RuleFor(query => query.Kind).IsEnumName<ListCorrectiveActions, CorrectiveActionKind>();
        RuleFor(query => query.Priority).IsEnumName<ListCorrectiveActions, CorrectiveActionPriority>();
        RuleFor(query => query.Cursor).ValidCursor(CursorPart.Date, CursorPart.Id);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListCorrectiveActionsHandler(IncidentHubDbContext db, TimeProvider clock)
    : IQueryHandler<ListCorrectiveActions, Page<CorrectiveActionView>>
{
    public async ValueTask<Page<CorrectiveActionView>> Handle(
        ListCorrectiveActions query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var today = clock.Today();
        var actions = db.CorrectiveActions.AsNoTracking();
        if (query.IncidentNumber is { } number)
        {
            var incidentId = await db.IncidentIdOfAsync(number, cancellationToken);
            // Its own actions and those of other incidents linked to it, which answer it too.
            actions = actions.Where(action => action.IncidentId == incidentId
                || db.Set<CorrectiveActionLink>().Any(link => link.ActionId == action.Id && link.IncidentId == incidentId));
        }

        if (EnumText.Parse<CorrectiveActionStatus>(query.Status) is { } status)
        {
            actions = actions.Where(action => action.Status == status);
        }

        if (EnumText.Parse<CorrectiveActionKind>(query.Kind) is { } kind)
        {
            actions = actions.Where(action => action.Kind == kind);
        }

        if (EnumText.Parse<CorrectiveActionPriority>(query.Priority) is { } priority)
        {
            actions = actions.Where(action => action.Priority == priority);
        }

        if (query.OwnerId is { } ownerId)
        {
            actions = actions.Where(action => action.OwnerId == ownerId);
        }

        if (query.Overdue is { } overdue)
        {
            actions = overdue
                ? actions.Where(action => action.DueDate < today
                    && (action.Status == CorrectiveActionStatus.Open
                        || action.Status == CorrectiveActionStatus.InProgress))
                : actions.Where(action => !(action.DueDate < today
                    && (action.Status == CorrectiveActionStatus.Open
                        || action.Status == CorrectiveActionStatus.InProgress)));
        }

        if (query.Cursor is not null)
        {
            var parts = Cursor.Decode(query.Cursor, 2);
            var due = Cursor.Parse<DateOnly>(parts[0]);
            var id = Cursor.Parse<Guid>(parts[1]);
            actions = actions.Where(action => EF.Functions.GreaterThan(
                ValueTuple.Create(action.DueDate ?? DateOnly.MaxValue, action.Id), ValueTuple.Create(due, id)));
        }

        var rows = await actions.OrderBy(action => action.DueDate ?? DateOnly.MaxValue).ThenBy(action => action.Id)
            .Take(limit + 1).ToViews(db, today).ToListAsync(cancellationToken);
        return Page<CorrectiveActionView>.From(
            rows, limit, row => Cursor.Encode((row.DueDate ?? DateOnly.MaxValue).ToString("O", null), row.Id));
    }
}
