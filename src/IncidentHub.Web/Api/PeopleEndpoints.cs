using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.People;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

internal static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People").ProducesForbidden();
        people.MapGet("", List).ReadsQuery<ListPeople>().WithName("listPeople")
            .WithSummary("List people")
            .WithDescription("Who can hold incident roles and own corrective actions. Paged: follow nextCursor.");
        people.MapGet("/{id:guid}", Get).ProducesNotFound().WithName("getPerson")
            .WithSummary("Get a person")
            .WithDescription("By id.");
        people.MapPost("", Add).ReadsJsonBody().ProducesConflict().WithName("addPerson")
            .WithSummary("Add a person")
            .WithDescription("Someone who holds roles or owns actions; an email already taken is a 409.");
    }

    private static async Task<Ok<Page<PersonView>>> List(
        [AsParameters] ListPeople query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));

    private static async Task<Ok<PersonView>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPerson(id), cancellationToken));

    private static async Task<Created<PersonView>> Add(
        AddPerson body, ISender sender, CancellationToken cancellationToken)
    {
        var person = await sender.Send(body, cancellationToken);
        return TypedResults.Created($"/api/v1/people/{person.Id}", person);
    }
}
