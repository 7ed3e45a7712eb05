using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.AlertSources;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>The admin's alert sources: the monitoring tools allowed to send alerts, each with its own secret.</summary>
internal static class AlertSourceEndpoints
{
    public static void MapAlertSourceEndpoints(this RouteGroupBuilder api)
    {
        var sources = api.MapGroup("/alert-sources").WithTags("Alert sources").ProducesForbidden();
        sources.MapGet("", List).WithName("listAlertSources")
            .WithSummary("List alert sources (admin)")
            .WithDescription("All of them on one page, by name: nextCursor is always null. Never a secret.");
        sources.MapPost("", Create).ReadsJsonBody().ProducesConflict().WithMetadata(new NotIdempotentAttribute())
            .WithName("createAlertSource")
            .WithSummary("Add an alert source (admin); the answer is the only time its secret is shown")
            .WithDescription("Settings left out take their defaults. The source sends to its ingestPath with "
                + "Authorization: Bearer and the secret. A name already taken (in any case) is a 409.");
        sources.MapGet("/{id:guid}", Get).ProducesNotFound().AnswersETag().WithName("getAlertSource")
            .WithSummary("Get an alert source (admin)")
            .WithDescription("Its settings, the prefix of its secret, its open alerts and when it last sent one.");
        sources.MapPatch("/{id:guid}", Update).ProducesNotFound().ReadsJsonBody().ChangesVersioned()
            .WithName("updateAlertSource")
            .WithSummary("Change an alert source's settings, disable or enable it (admin)")
            .WithDescription("A partial update: an absent field stays as it is; for the label lists, null or [] puts "
                + "back the default. enabled: false refuses its deliveries until it is enabled again.");
        sources.MapPost("/{id:guid}/secret", Rotate).ProducesNotFound().WithMetadata(new NotIdempotentAttribute())
            .WithName("rotateAlertSourceSecret")
            .WithSummary("Give an alert source a new secret (admin); the answer is the only time it is shown")
            .WithDescription("The old secret stops working at once: give the new one to the sender.");
    }

    private static async Task<Ok<Page<AlertSourceView>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Page<AlertSourceView>(await sender.Send(new ListAlertSources(), cancellationToken), null));

    private static async Task<Created<AlertSourceWithSecret>> Create(
        CreateAlertSource body, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(body, cancellationToken);
        return TypedResults.Created($"/api/v1/alert-sources/{created.Source.Id}", created);
    }

    private static async Task<Ok<AlertSourceView>> Get(
        Guid id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        Versioned(http, await sender.Send(new GetAlertSource(id), cancellationToken));

    private static async Task<Ok<AlertSourceView>> Update(
        Guid id, AlertSourceChanges body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        Versioned(http, await sender.Send(
            new UpdateAlertSource(id, ETags.ExpectedVersion(http.Request), body), cancellationToken));

    private static async Task<Ok<AlertSourceWithSecret>> Rotate(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateAlertSourceSecret(id), cancellationToken));

    private static Ok<AlertSourceView> Versioned(HttpContext http, AlertSourceView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }
}
