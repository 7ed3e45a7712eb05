using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = IncidentHub.Domain.Severity;

namespace IncidentHub.Web.Features.Reviews;

/// <summary>
/// The incidents that need a review (S1 and S2 at their worst, and those someone asked a review of), soonest due
/// first; published reviews only when asked for by state. Overdue: due before today (UTC) and not published.
/// </summary>
public sealed record ListReviews : IQuery<Page<ReviewListItem>>
{
    public string? State { get; init; }

    public bool? Overdue { get; init; }

    public Guid? OwnerId { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed record ReviewListItem(
    long Number,
    string Reference,
    string Title,
    Severity? WorstSeverity,
    Phase Phase,
    ReviewState State,
    Guid? OwnerId,
    string? OwnerName,
    DateOnly? DueOn,
    bool Overdue,
    DateTimeOffset? MeetingAt,
    DateTimeOffset? ResolvedAt,
    string? RequestedBy);

public sealed class ListReviewsValidator : AbstractValidator<ListReviews>
{
    public ListReviewsValidator()
    {
        RuleFor(query => query.State).IsEnumName<ListReviews, ReviewState>();
        RuleFor(query => query.Cursor).ValidCursor(CursorPart.Date, CursorPart.Number);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListReviewsHandler(IncidentHubDbContext db, TimeProvider clock)
    : IQueryHandler<ListReviews, Page<ReviewListItem>>
{
    public async ValueTask<Page<ReviewListItem>> Handle(ListReviews query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var today = clock.Today();
        var incidents = db.Incidents.AsNoTracking().NeedingReview();
        incidents = EnumText.Parse<ReviewState>(query.State) is { } state
            ? incidents.Where(incident => incident.ReviewState == state)
            : incidents.Where(incident => incident.ReviewState != ReviewState.Published);
        if (query.Overdue is { } overdue)
        {
            incidents = overdue
                ? incidents.ReviewOverdue(today)
                : incidents.Where(incident => !(incident.ReviewDueOn < today && incident.ReviewState != ReviewState.Published));
        }

        if (query.OwnerId is { } ownerId)
        {
            incidents = incidents.Where(incident => incident.ReviewOwnerId == ownerId);
        }

        if (query.Cursor is not null)
        {
            var parts = Cursor.Decode(query.Cursor, 2);
            var due = Cursor.Parse<DateOnly>(parts[0]);
            var number = Cursor.Parse<long>(parts[1]);
            incidents = incidents.Where(incident => EF.Functions.GreaterThan(
                ValueTuple.Create(incident.ReviewDueOn ?? DateOnly.MaxValue, incident.Number), ValueTuple.Create(due, number)));
        }

        var rows = await (
                from incident in incidents
                orderby incident.ReviewDueOn ?? DateOnly.MaxValue, incident.Number
                join person in db.People on incident.ReviewOwnerId equals person.Id into owners
                from owner in owners.DefaultIfEmpty()
                select new ReviewListItem(
                    incident.Number,
                    "INC-" + incident.Number,
                    incident.Title,
                    incident.WorstSeverity,
                    incident.Phase,
                    incident.ReviewState,
                    incident.ReviewOwnerId,
                    owner == null ? null : owner.DisplayName,
                    incident.ReviewDueOn,
                    incident.ReviewDueOn < today && incident.ReviewState != ReviewState.Published,
                    incident.ReviewMeetingAt,
                    incident.ResolvedAt,
                    incident.ReviewRequestedByName))
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        return Page<ReviewListItem>.From(
            rows, limit, row => Cursor.Encode((row.DueOn ?? DateOnly.MaxValue).ToString("O", null), row.Number));
    }
}

/// <summary>How many needed reviews are overdue: the badge beside "Reviews" in the navigation.</summary>
public sealed record CountOverdueReviews : IQuery<int>;

public sealed class CountOverdueReviewsHandler(IncidentHubDbContext db, TimeProvider clock) : IQueryHandler<CountOverdueReviews, int>
{
    public async ValueTask<int> Handle(CountOverdueReviews query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return await db.Incidents.AsNoTracking().NeedingReview().ReviewOverdue(today).CountAsync(cancellationToken);
    }
}
