using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.People;

public sealed record GetPerson(Guid Id) : IQuery<PersonView>;

public sealed class GetPersonHandler(IncidentHubDbContext db) : IQueryHandler<GetPerson, PersonView>
{
    public async ValueTask<PersonView> Handle(GetPerson query, CancellationToken cancellationToken) =>
        await db.People
            .AsNoTracking()
            .Where(person => person.Id == query.Id)
            .Select(PersonView.Projection)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("There is no person with this id.");
}
