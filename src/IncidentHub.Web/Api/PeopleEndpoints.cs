using IncidentHub.Web.Features.People;
using Mediator;

namespace IncidentHub.Web.Api;

internal static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("", async ([AsParameters] ListPeople query, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("List people");
        people.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new GetPerson(id), cancellationToken)))
            .WithSummary("Get a person");
        people.MapPost("", async (AddPerson body, ISender sender, CancellationToken cancellationToken) =>
        {
            var person = await sender.Send(body, cancellationToken);
            return TypedResults.Created($"/api/v1/people/{person.Id}", person);
        })
            .WithSummary("Add a person");
    }
}
