using IncidentHub.Domain;
using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.CorrectiveActions;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

internal static class CorrectiveActionEndpoints
{
    public static void MapCorrectiveActionEndpoints(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/corrective-actions").WithTags("Corrective actions").ProducesForbidden();
        actions.MapGet("", List).ReadsQuery<ListCorrectiveActions>().WithName("listCorrectiveActions")
            .WithSummary("List corrective actions across all incidents")
            .WithDescription("Filters combine. Paged: follow nextCursor.");
        actions.MapGet("/{id:guid}", Get).ProducesNotFound().AnswersETag().WithName("getCorrectiveAction")
            .WithSummary("Get a corrective action")
            .WithDescription("The ETag is the action's version, for If-Match on changes.");
        actions.MapPatch("/{id:guid}", Update).ProducesNotFound().ReadsJsonBody().ChangesVersioned()
            .WithName("updateCorrectiveAction")
            .WithSummary("Update a corrective action")
            .WithDescription("A partial update: an absent field stays as it is, null clears it.");
        actions.MapPost("/{id:guid}/incidents", Link).ProducesNotFound().ReadsJsonBody().WithName("linkCorrectiveAction")
            .WithSummary("Say that the action also answers another incident")
            .WithDescription("Body { \"incident\": \"INC-42\" }. The link is written on that incident's timeline and counts "
                + "for its exit rules; the action's worstSeverity then counts that incident too.");
        actions.MapDelete("/{id:guid}/incidents/{number}", Unlink).ProducesNotFound().WithName("unlinkCorrectiveAction")
            .WithSummary("Say that the action no longer answers an incident it was linked to")
            .WithDescription("The incident the action was added to cannot be unlinked.");
    }

    private static async Task<Ok<CorrectiveActionView>> Link(
        Guid id, LinkCorrectiveAction body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Action(http, await sender.Send(body with { Id = id }, cancellationToken));

    private static async Task<Ok<CorrectiveActionView>> Unlink(
        Guid id, string number, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Action(http, await sender.Send(
            new LinkCorrectiveAction { Id = id, Incident = ApiResults.IncidentNumber(number).ToString(System.Globalization.CultureInfo.InvariantCulture), Unlink = true },
            cancellationToken));

    private static async Task<Ok<Page<CorrectiveActionView>>> List(
        [AsParameters] ListCorrectiveActions query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query with { IncidentNumber = null }, cancellationToken));

    private static async Task<Ok<CorrectiveActionView>> Get(
        Guid id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Action(http, await sender.Send(new GetCorrectiveAction(id), cancellationToken));

    private static async Task<Ok<CorrectiveActionView>> Update(
        Guid id, CorrectiveActionChanges body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        ApiResults.Action(http, await sender.Send(
            new UpdateCorrectiveAction(id, ETags.ExpectedVersion(http.Request), body), cancellationToken));
}
