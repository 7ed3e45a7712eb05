using System.Linq.Expressions;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.People;

public sealed record PersonView(Guid Id, string DisplayName, string Email, bool Active)
{
    public static readonly Expression<Func<Person, PersonView>> Projection = person =>
        new PersonView(person.Id, person.DisplayName, person.Email, person.Active);

    private static readonly Func<Person, PersonView> Map = Projection.Compile();

    public static PersonView From(Person person) => Map(person);
}
