using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Alerts;
using IncidentHub.Web.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>Alerts from monitoring, and the triage of the incidents they open.</summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts").ProducesForbidden();
        alerts.MapGet("", List).ReadsQuery<ListAlerts>().WithName("listAlerts")
            .WithSummary("List alerts, firing and acknowledged first")
            .WithDescription("Each group newest received first. Filters combine. Paged: follow nextCursor.");
        alerts.MapGet("/{id:guid}", Get).ProducesNotFound().WithName("getAlert")
            .WithSummary("Get an alert")
            .WithDescription("With its labels, annotations, links, history, source and incident.");
        alerts.MapPost("/{id:guid}/acknowledge", Acknowledge).ProducesNotFound().WithName("acknowledgeAlert")
            .WithSummary("Acknowledge an alert")
            .WithDescription("A firing alert becomes acknowledged by you, noted on its incident's timeline. "
                + "An alert already acknowledged or resolved is answered as it is, unchanged.");

        var incident = api.MapGroup("/incidents/{number}").ProducesForbidden().ProducesNotFound();
        incident.MapGet("/alerts", ListForIncident).ReadsQuery<ListIncidentAlerts>().WithName("listIncidentAlerts")
            .WithTags("Alerts").WithSummary("List an incident's alerts, firing and acknowledged first")
            .WithDescription("Optionally of one status only. Paged: follow nextCursor.");
        incident.MapPost("/merge", Merge).ReadsJsonBody().ProducesConflict().WithName("mergeIncident")
            .WithTags("Incidents").WithSummary("Merge an incident into another open incident")
            .WithDescription("Its alerts move to the other incident, both timelines say so, and it is dismissed as "
                + "a duplicate of it. into: 42 or \"INC-42\". Refused (409) unless this incident is in Preparation, "
                + "Identification or Investigation and the other is open and not this one.");
    }

    private static async Task<Ok<Page<AlertListItem>>> List(
        [AsParameters] ListAlerts query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));

    private static async Task<Ok<AlertView>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetAlert(id), cancellationToken));

    private static async Task<Ok<AlertView>> Acknowledge(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new AcknowledgeAlert(id), cancellationToken));

    private static async Task<Ok<Page<AlertListItem>>> ListForIncident(
        string number, string? status, string? cursor, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListIncidentAlerts
            {
                Number = ApiResults.IncidentNumber(number),
                Status = status,
                Cursor = cursor,
                Limit = limit,
            },
            cancellationToken));

    private static async Task<Ok<IncidentView>> Merge(
        string number, MergeIncident body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Incident(http, await sender.Send(
            body with { Number = ApiResults.IncidentNumber(number) }, cancellationToken));
}
