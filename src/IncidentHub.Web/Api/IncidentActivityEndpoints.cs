using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Features.StatusUpdates;
using IncidentHub.Web.Features.Timeline;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>What is recorded on an incident: its timeline, status updates and corrective actions.</summary>
internal static class IncidentActivityEndpoints
{
    public static void MapIncidentActivityEndpoints(this RouteGroupBuilder api)
    {
        var incident = api.MapGroup("/incidents/{number}").ProducesForbidden().ProducesNotFound();

        incident.MapGet("/timeline", GetTimeline).ReadsQuery<GetTimeline>().WithName("getTimeline")
            .WithTags("Timeline").WithSummary("Read an incident's timeline, oldest first")
            .WithDescription("Optionally one kind of entry only. Paged: follow nextCursor.");
        incident.MapPost("/timeline", AddTimelineEntry).ReadsJsonBody().ChecksIfMatch().WithName("addTimelineEntry")
            .WithTags("Timeline").WithSummary("Add an entry to an incident's timeline")
            .WithDescription("If-Match, when given, is checked against the incident's version.");

        incident.MapGet("/status-updates", ListStatusUpdates).ReadsQuery<ListStatusUpdates>()
            .WithName("listStatusUpdates")
            .WithTags("Status updates").WithSummary("Read an incident's status updates, newest first")
            .WithDescription("Optionally for one audience only. Paged: follow nextCursor.");
        incident.MapPost("/status-updates", PostStatusUpdate).ReadsJsonBody().ChecksIfMatch()
            .WithName("postStatusUpdate")
            .WithTags("Status updates").WithSummary("Post a status update")
            .WithDescription("If-Match, when given, is checked against the incident's version.");

        incident.MapGet("/corrective-actions", ListCorrectiveActions).ReadsQuery<ListCorrectiveActions>()
            .WithName("listIncidentCorrectiveActions")
            .WithTags("Corrective actions").WithSummary("List an incident's corrective actions")
            .WithDescription("Filters combine. Paged: follow nextCursor.");
        incident.MapPost("/corrective-actions", AddCorrectiveAction).ReadsJsonBody().ChangesVersioned()
            .WithName("addCorrectiveAction")
            .WithTags("Corrective actions").WithSummary("Add a corrective action to an incident")
            .WithDescription("If-Match is checked against the incident's version; the answer's ETag is the action's.");
    }

    private static async Task<Ok<Page<TimelineEntryView>>> GetTimeline(
        string number, string? kind, string? cursor, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new GetTimeline { Number = ApiResults.IncidentNumber(number), Kind = kind, Cursor = cursor, Limit = limit },
            cancellationToken));

    private static async Task<Created<TimelineEntryView>> AddTimelineEntry(
        string number, AddTimelineEntry body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, await sender.Send(
            body with
            {
                Number = ApiResults.IncidentNumber(number),
                ExpectedVersion = ETags.ExpectedVersion(http.Request),
            },
            cancellationToken));

    private static async Task<Ok<Page<StatusUpdateView>>> ListStatusUpdates(
        string number, string? audience, string? cursor, int? limit,
        ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListStatusUpdates
            {
                Number = ApiResults.IncidentNumber(number),
                Audience = audience,
                Cursor = cursor,
                Limit = limit,
            },
            cancellationToken));

    private static async Task<Created<StatusUpdateView>> PostStatusUpdate(
        string number, PostStatusUpdate body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, await sender.Send(
            body with
            {
                Number = ApiResults.IncidentNumber(number),
                ExpectedVersion = ETags.ExpectedVersion(http.Request),
            },
            cancellationToken));

    private static async Task<Ok<Page<CorrectiveActionView>>> ListCorrectiveActions(
        string number, string? status, string? kind, Guid? ownerId, bool? overdue, string? cursor, int? limit,
        ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListCorrectiveActions
            {
                IncidentNumber = ApiResults.IncidentNumber(number),
                Status = status,
                Kind = kind,
                OwnerId = ownerId,
                Overdue = overdue,
                Cursor = cursor,
                Limit = limit,
            },
            cancellationToken));

    private static async Task<Created<CorrectiveActionView>> AddCorrectiveAction(
        string number, AddCorrectiveAction body, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var action = await sender.Send(
            body with
            {
                Number = ApiResults.IncidentNumber(number),
                ExpectedVersion = ETags.ExpectedVersion(http.Request),
            },
            cancellationToken);
        http.Response.Headers.ETag = ETags.For(action.Version);
        return TypedResults.Created($"/api/v1/corrective-actions/{action.Id}", action);
    }
}
