using IncidentHub.Domain;
using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Api;

/// <summary>The body of POST /incidents: a new incident, declared unless <see cref="Phase"/> is Preparation.</summary>
public sealed record NewIncidentRequest : NewIncident
{
    public Phase? Phase { get; init; }
}

internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents").ProducesForbidden();
        incidents.MapPost("", Create).ReadsJsonBody().AnswersETag().WithName("createIncident")
            .WithSummary("Declare an incident, or draft one with phase Preparation")
            .WithDescription("Leave phase out to declare the incident (it starts in Identification); phase Preparation "
                + "saves a draft. The answer's Location names the new incident.");
        incidents.MapGet("", List).ReadsQuery<ListIncidents>().WithName("listIncidents")
            .WithSummary("List incidents")
            .WithDescription("Filters combine; q searches titles and summaries. Paged: follow nextCursor.");

        var incident = incidents.MapGroup("/{number}").ProducesNotFound();
        incident.MapGet("", Get).AnswersETag().WithName("getIncident")
            .WithSummary("Get an incident")
            .WithDescription("By number, 42 or INC-42. The ETag is the incident's version, for If-Match on changes.");
        incident.MapPatch("", UpdateDetails).ReadsJsonBody().ChangesVersioned().WithName("updateIncidentDetails")
            .WithSummary("Update an incident's details")
            .WithDescription("A partial update: an absent field stays as it is, null clears it.");
        incident.MapPost("/phase", ChangePhase).ReadsJsonBody().ChangesVersioned().WithName("changeIncidentPhase")
            .WithSummary("Move an incident to another phase, Closed or Dismissed")
            .WithDescription("A move the phase's exit rules refuse is a 409 naming the rules.");
        incident.MapPost("/severity", ChangeSeverity).ReadsJsonBody().ChangesVersioned()
            .WithName("changeIncidentSeverity")
            .WithSummary("Change an incident's severity")
            .WithDescription("Recorded on the timeline with the reason given.");
        incident.MapPut("/roles/{role}", AssignRole).ReadsJsonBody().ChangesVersioned().WithName("assignIncidentRole")
            .WithSummary("Assign a role (a hand-over when it is held)")
            .WithDescription("The role by name, in any case; the body names the person.");
        incident.MapDelete("/roles/{role}", UnassignRole).ChangesVersioned().WithName("unassignIncidentRole")
            .WithSummary("Leave a role empty")
            .WithDescription("The role by name, in any case.");
    }

    private static async Task<Created<IncidentView>> Create(
        [FromBody] NewIncidentRequest body, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var view = body.Phase switch
        {
            null or Phase.Identification => await sender.Send(new DeclareIncident(body), cancellationToken),
            Phase.Preparation => await sender.Send(new DraftIncident(body), cancellationToken),
            _ => throw ApiResults.Invalid("phase",
                "Leave phase out to declare the incident, or use Preparation to save it as a draft."),
        };
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Created($"/api/v1/incidents/{view.Number}", view);
    }

    private static async Task<Ok<Page<IncidentListItem>>> List(
        [AsParameters] ListIncidents query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));

    private static async Task<Ok<IncidentView>> Get(
        string number, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            new GetIncident(ApiResults.IncidentNumber(number)), cancellationToken));

    private static async Task<Ok<IncidentView>> UpdateDetails(
        string number, IncidentDetailsChanges body,
        ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            new UpdateIncidentDetails(ApiResults.IncidentNumber(number), ETags.ExpectedVersion(http.Request), body),
            cancellationToken));

    private static async Task<Ok<IncidentView>> ChangePhase(
        string number, ChangePhase body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with
            {
                Number = ApiResults.IncidentNumber(number),
                ExpectedVersion = ETags.ExpectedVersion(http.Request),
            },
            cancellationToken));

    private static async Task<Ok<IncidentView>> ChangeSeverity(
        string number, ChangeSeverity body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with
            {
                Number = ApiResults.IncidentNumber(number),
                ExpectedVersion = ETags.ExpectedVersion(http.Request),
            },
            cancellationToken));

    private static async Task<Ok<IncidentView>> AssignRole(
        string number, string role, AssignRole body,
        ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with
            {
                Number = ApiResults.IncidentNumber(number),
                Role = ApiResults.Role(role),
                ExpectedVersion = ETags.ExpectedVersion(http.Request),
            },
            cancellationToken));

    private static async Task<Ok<IncidentView>> UnassignRole(
        string number, string role, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            new UnassignRole(
                ApiResults.IncidentNumber(number), ETags.ExpectedVersion(http.Request), ApiResults.Role(role)),
            cancellationToken));
}
