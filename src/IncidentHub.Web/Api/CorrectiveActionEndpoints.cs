using IncidentHub.Domain;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Http;
using Mediator;

namespace IncidentHub.Web.Api;

internal static class CorrectiveActionEndpoints
{
    public static void MapCorrectiveActionEndpoints(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/corrective-actions").WithTags("Corrective actions");
        actions.MapGet("", async ([AsParameters] ListCorrectiveActions query, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(query with { IncidentNumber = null }, cancellationToken)))
            .WithSummary("List corrective actions across all incidents");
        actions.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Action(http, await sender.Send(new GetCorrectiveAction(id), cancellationToken)))
            .WithSummary("Get a corrective action");
        actions.MapPatch("/{id:guid}", async (Guid id, CorrectiveActionChanges body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
            ApiResults.Action(http, await sender.Send(new UpdateCorrectiveAction(id, ETags.ExpectedVersion(http.Request), body), cancellationToken)))
            .WithSummary("Update a corrective action");
    }
}
