using FluentValidation;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.People;

/// <summary>People by name, optionally matching a text in their name or email.</summary>
public sealed record ListPeople : IQuery<Page<PersonView>>
{
    public string? Q { get; init; }

    public bool? Active { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed class ListPeopleValidator : AbstractValidator<ListPeople>
{
    public ListPeopleValidator()
    {
        RuleFor(query => query.Q).MaximumLength(200).StorableText();
        RuleFor(query => query.Cursor).ValidCursor(CursorPart.Text, CursorPart.Id);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListPeopleHandler(IncidentHubDbContext db) : IQueryHandler<ListPeople, Page<PersonView>>
{
    public async ValueTask<Page<PersonView>> Handle(ListPeople query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Containing(query.Q);
            people = people.Where(person => EF.Functions.ILike(person.DisplayName, pattern, LikePattern.Escape)
                || EF.Functions.ILike(person.Email, pattern, LikePattern.Escape));
        }

        if (query.Active is { } active)
        {
            people = people.Where(person => person.Active == active);
        }

        if (query.Cursor is not null)
        {
            var parts = Cursor.Decode(query.Cursor, 2);
            var name = parts[0];
            var id = Cursor.Parse<Guid>(parts[1]);
            people = people.Where(person => EF.Functions.GreaterThan(
                ValueTuple.Create(person.DisplayName, person.Id), ValueTuple.Create(name, id)));
        }

        var rows = await people.OrderBy(person => person.DisplayName).ThenBy(person => person.Id)
            .Take(limit + 1).Select(PersonView.Projection).ToListAsync(cancellationToken);
        return Page<PersonView>.From(rows, limit, row => Cursor.Encode(row.DisplayName, row.Id));
    }
}
