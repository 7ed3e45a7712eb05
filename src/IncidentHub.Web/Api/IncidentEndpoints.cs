using IncidentHub.Domain;
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
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapPost("", Create).WithSummary("Declare an incident, or draft one with phase Preparation");
        incidents.MapGet("", async ([AsParameters] ListIncidents query, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(query, cancellationToken)))
            .WithSummary("List incidents");
        incidents.MapGet("/{number}", async (string number, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(new GetIncident(ApiResults.IncidentNumber(number)), cancellationToken)))
            .WithSummary("Get an incident");
        incidents.MapPatch("/{number}", async (string number, IncidentDetailsChanges body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(
                new UpdateIncidentDetails(ApiResults.IncidentNumber(number), ETags.ExpectedVersion(http.Request), body), cancellationToken)))
            .WithSummary("Update an incident's details");
        incidents.MapPost("/{number}/phase", async (string number, ChangePhase body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(
                body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) }, cancellationToken)))
            .WithSummary("Move an incident to another phase, Closed or Dismissed");
        incidents.MapPost("/{number}/severity", async (string number, ChangeSeverity body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(
                body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) }, cancellationToken)))
            .WithSummary("Change an incident's severity");
        incidents.MapPut("/{number}/roles/{role}", async (string number, string role, AssignRole body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(
                body with { Number = ApiResults.IncidentNumber(number), Role = ApiResults.Role(role), ExpectedVersion = ETags.ExpectedVersion(http.Request) },
                cancellationToken)))
            .WithSummary("Assign a role (a hand-over when it is held)");
        incidents.MapDelete("/{number}/roles/{role}", async (string number, string role, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(
                new UnassignRole(ApiResults.IncidentNumber(number), ETags.ExpectedVersion(http.Request), ApiResults.Role(role)), cancellationToken)))
            .WithSummary("Leave a role empty");
        incidents.MapPut("/{number}/review", async (string number, SaveReview body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Incident(http, await sender.Send(
                body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) }, cancellationToken)))
            .WithSummary("Save the incident review");
    }

    private static async Task<Created<IncidentView>> Create([FromBody] NewIncidentRequest body, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var view = body.Phase switch
        {
            null or Phase.Identification => await sender.Send(new DeclareIncident(body), cancellationToken),
            Phase.Preparation => await sender.Send(new DraftIncident(body), cancellationToken),
            _ => throw ApiResults.Invalid("phase", "Leave phase out to declare the incident, or use Preparation to save it as a draft."),
        };
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Created($"/api/v1/incidents/{view.Number}", view);
    }
}
