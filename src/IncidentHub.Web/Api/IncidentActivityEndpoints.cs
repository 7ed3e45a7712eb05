using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.StatusUpdates;
using IncidentHub.Web.Features.Timeline;
using IncidentHub.Web.Http;
using Mediator;

namespace IncidentHub.Web.Api;

/// <summary>What is recorded on an incident: its timeline, status updates and corrective actions.</summary>
internal static class IncidentActivityEndpoints
{
    public static void MapIncidentActivityEndpoints(this RouteGroupBuilder api)
    {
        var incident = api.MapGroup("/incidents/{number}");

        incident.MapGet("/timeline", async (string number, string? kind, string? cursor, int? limit, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new GetTimeline { Number = ApiResults.IncidentNumber(number), Kind = kind, Cursor = cursor, Limit = limit }, cancellationToken)))
            .WithTags("Timeline").WithSummary("Read an incident's timeline, oldest first");
        incident.MapPost("/timeline", async (string number, AddTimelineEntry body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            TypedResults.Created((string?)null, await sender.Send(
                body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) }, cancellationToken)))
            .WithTags("Timeline").WithSummary("Add an entry to an incident's timeline");

        incident.MapGet("/status-updates", async (string number, string? audience, string? cursor, int? limit, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new ListStatusUpdates { Number = ApiResults.IncidentNumber(number), Audience = audience, Cursor = cursor, Limit = limit }, cancellationToken)))
            .WithTags("Status updates").WithSummary("Read an incident's status updates, newest first");
        incident.MapPost("/status-updates", async (string number, PostStatusUpdate body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            TypedResults.Created((string?)null, await sender.Send(
                body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) }, cancellationToken)))
            .WithTags("Status updates").WithSummary("Post a status update");

        incident.MapGet("/corrective-actions", async (string number, string? status, string? kind, Guid? ownerId, bool? overdue, string? cursor, int? limit, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(
                new ListCorrectiveActions { IncidentNumber = ApiResults.IncidentNumber(number), Status = status, Kind = kind, OwnerId = ownerId, Overdue = overdue, Cursor = cursor, Limit = limit },
                cancellationToken)))
            .WithTags("Corrective actions").WithSummary("List an incident's corrective actions");
        incident.MapPost("/corrective-actions", async (string number, AddCorrectiveAction body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var action = await sender.Send(body with { Number = ApiResults.IncidentNumber(number), ExpectedVersion = ETags.ExpectedVersion(http.Request) }, cancellationToken);
            http.Response.Headers.ETag = ETags.For(action.Version);
            return TypedResults.Created($"/api/v1/corrective-actions/{action.Id}", action);
        })
            .WithTags("Corrective actions").WithSummary("Add a corrective action to an incident");
    }
}
